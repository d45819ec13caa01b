namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>The network a <see cref="CifarCnnTrainer"/> trains.</summary>
public enum CifarArchitecture
{
    /// <summary>
    /// The original PyTorch notebook's network (six 3×3 convolutions 32-32-64-64-128-128, fully connected
    /// 2048→1024→512→classes, inputs normalised with mean 0.5 / std 0.5), for reproducing its experiment.
    /// Its recipe: Adam at 1e-3, constant learning rate, no augmentation.
    /// </summary>
    Seed,

    /// <summary>
    /// A compact residual network with batch norm in the style of the CIFAR-10 speed-run designs (ResNet-9):
    /// reaches clearly higher accuracy per minute on a CPU than <see cref="Seed"/>. Its recipe: SGD with Nesterov
    /// momentum, a one-cycle learning-rate schedule, label smoothing, flip and crop augmentation.
    /// </summary>
    FastResNet,

    /// <summary>
    /// The default, and the recommended recipe for accuracy per minute: a network after Keller Jordan's airbench94 (the fastest
    /// published CIFAR-10 training recipe) — a 2×2 patch-whitening layer computed from the training images, three
    /// convolution groups of widths 64/256/256 with GELU and shift-only batch norm, a scaled linear head — trained with
    /// its recipe: SGD with Nesterov momentum 0.85, batch 512, a 0.2× → 1× → 0.07× one-cycle schedule over 10 epochs,
    /// batch-norm shifts at 64× the learning rate, label smoothing 0.2, 2-pixel reflect-padded crops and flips, lookahead averaging,
    /// and test-time flip averaging in validation and in the saved model.
    /// </summary>
    Airbench,
}
