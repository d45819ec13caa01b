namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Where training runs.</summary>
public enum ComputeDevice
{
    /// <summary>The CPU (the default; all this package ships natives for).</summary>
    Cpu,

    /// <summary>
    /// An NVIDIA GPU through TorchSharp's CUDA backend. Needs a CUDA build of libtorch (e.g. the libtorch-cuda
    /// package) in place of libtorch-cpu; training fails with a clear message when CUDA is not available.
    /// </summary>
    Cuda,

    /// <summary>CUDA when available, otherwise the CPU; the choice is logged.</summary>
    Auto,
}
