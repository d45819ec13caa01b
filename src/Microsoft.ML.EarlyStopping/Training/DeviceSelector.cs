using Microsoft.ML.Runtime;
using TorchSharp;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Turns the <see cref="ComputeDevice"/> option into a TorchSharp device, saying what it chose.</summary>
internal static class DeviceSelector
{
    public static torch.Device Resolve(ComputeDevice requested, IChannel channel)
    {
        switch (requested)
        {
            case ComputeDevice.Cpu:
                return torch.CPU;
            case ComputeDevice.Cuda:
                if (!torch.cuda.is_available())
                {
                    throw new InvalidOperationException(
                        "Device = Cuda was requested but CUDA is not available: the loaded libtorch is a CPU build or no NVIDIA GPU/driver was found. " +
                        "Reference a CUDA build of libtorch instead of libtorch-cpu-linux-x64, or use ComputeDevice.Cpu or Auto.");
                }
                channel.Info(MessageSensitivity.None, "Training on CUDA.");
                return torch.CUDA;
            case ComputeDevice.Auto:
                if (torch.cuda.is_available())
                {
                    channel.Info(MessageSensitivity.None, "Device Auto: CUDA is available, training on the GPU.");
                    return torch.CUDA;
                }
                channel.Info(MessageSensitivity.None, "Device Auto: CUDA is not available, training on the CPU.");
                return torch.CPU;
            default:
                throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown device.");
        }
    }

    public static string Describe(torch.Device device) =>
        device.type == DeviceType.CPU ? $"cpu ({torch.get_num_threads()} threads)" : device.ToString();
}
