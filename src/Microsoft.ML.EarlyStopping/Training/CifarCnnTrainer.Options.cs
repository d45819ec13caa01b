namespace Microsoft.ML.EarlyStopping.Training;

public sealed partial class CifarCnnTrainer
{
    /// <summary>
    /// Options of <see cref="CifarCnnTrainer"/>. Settings left null take the recipe of the chosen
    /// <see cref="Architecture"/> (documented on each property); everything else has the default shown.
    /// </summary>
    public sealed class Options
    {
        /// <summary>Label column: a key type (map text labels with <c>MapValueToKey</c>). Default "Label".</summary>
        public string LabelColumnName { get; set; } = "Label";

        /// <summary>Pixel column: a vector of 3 × <see cref="ImageHeight"/> × <see cref="ImageWidth"/> Singles, planar (CHW), R, G, B, values 0..255 as ML.NET's <c>ExtractPixels</c> produces them. Default "Features".</summary>
        public string FeatureColumnName { get; set; } = "Features";

        /// <summary>Image height in pixels. Default 32.</summary>
        public int ImageHeight { get; set; } = 32;

        /// <summary>Image width in pixels. Default 32.</summary>
        public int ImageWidth { get; set; } = 32;

        /// <summary>
        /// The network to train, and with it the recipe every null setting below takes. Default
        /// <see cref="CifarArchitecture.Airbench"/>, the recipe with the best measured time to accuracy on a CPU.
        /// </summary>
        public CifarArchitecture Architecture { get; set; } = CifarArchitecture.Airbench;

        /// <summary>
        /// Channels of the first stage. Null = recipe: 16 for FastResNet (later stages 2×, 4×, 8×; 64 is the full
        /// ResNet-9 width), 64 for Airbench (later groups 4×; airbench94's width). Ignored by <see cref="CifarArchitecture.Seed"/>.
        /// </summary>
        public int? NetworkWidth { get; set; }

        /// <summary>Maximum number of epochs (the budget that one-cycle and cosine schedules span). Null = recipe: 30 for Seed and FastResNet, 10 for Airbench.</summary>
        public int? MaxEpochs { get; set; }

        /// <summary>Training batch size. Null = recipe: 128 for Seed and FastResNet, 512 for Airbench.</summary>
        public int? BatchSize { get; set; }

        /// <summary>Batch size for validation passes (no gradients, so it can be larger). Default 500.</summary>
        public int EvaluationBatchSize { get; set; } = 500;

        /// <summary>Optimiser. Null = recipe: Adam for Seed (the notebook's), SGD with Nesterov momentum for FastResNet and Airbench.</summary>
        public OptimizerKind? Optimizer { get; set; }

        /// <summary>
        /// Initial (peak, for one-cycle) learning rate. Null = recipe: 1e-3 for Seed (Adam's default, as in the notebook),
        /// 0.05 for FastResNet, and for Airbench airbench94's rate per example times the batch size (0.75 at batch 512;
        /// its batch-norm shifts train at 64× that rate).
        /// </summary>
        public double? LearningRate { get; set; }

        /// <summary>Momentum of SGD. Null = recipe: 0.9, and 0.85 for Airbench.</summary>
        public double? Momentum { get; set; }

        /// <summary>Weight decay (coupled, as PyTorch's SGD and Adam apply it). Null = recipe: 0 for Seed, 5e-4 for FastResNet, 1.33e-3 for Airbench.</summary>
        public double? WeightDecay { get; set; }

        /// <summary>
        /// Learning-rate schedule. Null = recipe: Constant for Seed, OneCycle for FastResNet and Airbench (Airbench's
        /// one-cycle starts at 0.2× and ends at 0.07× the peak rate, as airbench94's does; FastResNet's goes 0.1× → 0).
        /// </summary>
        public LearningRateScheduleKind? LearningRateSchedule { get; set; }

        /// <summary>Fraction of the epoch budget spent warming up (OneCycle and Cosine). Default 0.2 for OneCycle; Cosine uses it too.</summary>
        public double WarmupFraction { get; set; } = 0.2;

        /// <summary>ReduceOnPlateau: factor the rate is multiplied by. Default 0.5.</summary>
        public double PlateauFactor { get; set; } = 0.5;

        /// <summary>ReduceOnPlateau: epochs without improvement before reducing; keep it below early stopping's patience. Default 3.</summary>
        public int PlateauPatience { get; set; } = 3;

        /// <summary>ReduceOnPlateau: lower bound of the rate. Default 1e-6.</summary>
        public double MinLearningRate { get; set; } = 1e-6;

        /// <summary>Label smoothing of the training loss, in [0, 1). Null = recipe: 0 for Seed, 0.1 for FastResNet, 0.2 for Airbench. Validation loss never uses it.</summary>
        public double? LabelSmoothing { get; set; }

        /// <summary>Augment training batches with random crops (see <see cref="CropPadding"/>) and horizontal flips. Null = recipe: off for Seed, on for FastResNet and Airbench.</summary>
        public bool? Augment { get; set; }

        /// <summary>Padding of the random crop when augmenting. Null = recipe: 4 pixels, 2 for Airbench.</summary>
        public int? CropPadding { get; set; }

        /// <summary>What the crop padding is filled with. Null = recipe: <see cref="CropPaddingMode.Reflect"/> for Airbench (airbench94's), <see cref="CropPaddingMode.Zeros"/> for the others.</summary>
        public CropPaddingMode? CropPaddingMode { get; set; }

        /// <summary>Flip half of the images horizontally when augmenting. Default true.</summary>
        public bool HorizontalFlip { get; set; } = true;

        /// <summary>
        /// Test-time flip augmentation: validation and the saved model score each image as the mean of the network's
        /// outputs for the image and its mirror image (one batch of twice the size, so scoring costs about twice as
        /// much). Null = recipe: on for Airbench, off for Seed and FastResNet.
        /// </summary>
        public bool? TestTimeFlip { get; set; }

        /// <summary>
        /// Lookahead weight averaging (airbench's): every 5 steps the weights are pulled to a slow moving average whose
        /// decay grows with the cube of training progress, and epochs end on the averaged weights.
        /// Null = recipe: on for Airbench, off for Seed and FastResNet.
        /// </summary>
        public bool? Lookahead { get; set; }

        /// <summary>
        /// Early stopping; null turns it off (training runs <see cref="MaxEpochs"/> and keeps the last weights).
        /// Default: monitor validation loss with patience 10 and restore the best epoch's weights.
        /// </summary>
        public EarlyStoppingOptions? EarlyStopping { get; set; } = new();

        /// <summary>Validation data with the same schema as the training data. When null, <see cref="ValidationFraction"/> of the training data is held out.</summary>
        public IDataView? ValidationSet { get; set; }

        /// <summary>
        /// Fraction of the training data held out for validation (seeded, stratified by class) when <see cref="ValidationSet"/> is null.
        /// Set 0 to train without validation (then early stopping must monitor <see cref="EarlyStoppingMetric.TrainingLoss"/> or be off). Default 0.1.
        /// </summary>
        public double ValidationFraction { get; set; } = 0.1;

        /// <summary>Random seed for weights, shuffling, the validation split and augmentation. Null = the MLContext's seed, or 0 when it has none.</summary>
        public int? Seed { get; set; }

        /// <summary>Device to train on. Default <see cref="ComputeDevice.Cpu"/>.</summary>
        public ComputeDevice Device { get; set; } = ComputeDevice.Cpu;

        /// <summary>
        /// Keep convolution weights and training batches in NHWC ("channels last") memory layout, which libtorch's CPU
        /// convolutions run faster on. Numerically the same network; only speed differs. Default true.
        /// </summary>
        public bool ChannelsLast { get; set; } = true;

        /// <summary>Threads libtorch uses (process-wide). Null = libtorch's default (the number of cores).</summary>
        public int? NumberOfThreads { get; set; }

        /// <summary>Called on the training thread after every epoch; keep it fast (the tracking sinks only enqueue).</summary>
        public Action<EpochMetrics>? EpochEnded { get; set; }

        /// <summary>
        /// Receives training start, every epoch and the end (e.g. a <c>Microsoft.ML.EarlyStopping.Tracking.MetricsTracker</c>
        /// that logs to MLflow, Neptune, TensorBoard and files). Called on the training thread; an exception it throws is
        /// logged once and never stops training. Default null.
        /// </summary>
        public ITrainingObserver? Observer { get; set; }

        /// <summary>Called on the training thread after every training batch (for progress displays); keep it fast.</summary>
        public Action<BatchProgress>? BatchEnded { get; set; }

        /// <summary>Stops training after the current batch; <c>Fit</c> then throws <see cref="CifarCnnTrainingCanceledException"/>, which carries the model with the best weights so far.</summary>
        public CancellationToken CancellationToken { get; set; }
    }
}
