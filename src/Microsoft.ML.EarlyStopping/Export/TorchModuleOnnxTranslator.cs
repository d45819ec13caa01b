using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// Translates a TorchSharp module tree into ONNX nodes, module by module, in inference (eval) semantics.
/// </summary>
/// <remarks>
/// A probe tensor (batch of one) is pushed through each module next to its translation, so every step knows the
/// exact shape of its input: <c>Linear</c> uses <c>Gemm</c> on 2-D inputs and <c>MatMul</c> otherwise, a general
/// <c>Flatten</c> becomes a <c>Reshape</c>, and the caller can check the final output size. The caller must put the
/// network in eval mode and run under <c>no_grad</c>, so the probe neither updates batch-norm statistics nor records gradients.
/// </remarks>
internal sealed class TorchModuleOnnxTranslator
{
    private readonly OnnxGraphBuilder _builder;

    public TorchModuleOnnxTranslator(OnnxGraphBuilder builder)
    {
        _builder = builder;
    }

    /// <summary>Adds nodes for <paramref name="module"/> applied to <paramref name="input"/>; returns the output value and the probe's output.</summary>
    public (string Output, Tensor Probe) Translate(nn.Module<Tensor, Tensor> module, string path, string input, Tensor probe)
    {
        switch (module)
        {
            case Sequential sequential:
                foreach ((string name, nn.Module child) in sequential.named_children())
                {
                    string childPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (child is not nn.Module<Tensor, Tensor> tensorModule)
                        throw Unsupported(child, childPath, "it is not a tensor-to-tensor module");
                    (input, probe) = Translate(tensorModule, childPath, input, probe);
                }
                return (input, probe);
            case IOnnxExportable exportable:
                return (exportable.ExportToOnnx(new OnnxExportContext(this, _builder, path, probe), input), module.forward(probe));
            default:
                return (TranslateLayer(module, path, input, probe), module.forward(probe));
        }
    }

    private string TranslateLayer(nn.Module<Tensor, Tensor> module, string path, string input, Tensor probe)
    {
        switch (module)
        {
            case Conv2d conv:
                return Conv(conv, path, input);
            case BatchNorm norm:
                return BatchNorm(norm, path, input);
            case ReLU:
                return _builder.Relu(input);
            case GELU gelu:
                return _builder.Gelu(input, gelu.approximate == GELU.Approximate.tanh);
            case MaxPool2d pool:
                return MaxPool(pool, input);
            case AdaptiveMaxPool2d pool when pool.output_size.All(s => s == 1):
                return _builder.GlobalMaxPool(input);
            case AdaptiveAvgPool2d pool when pool.output_size.All(s => s == 1):
                return _builder.GlobalAveragePool(input);
            case Flatten flatten:
                return Flatten(flatten, path, input, probe);
            case Linear linear:
                return Linear(linear, path, input, probe);
            case Softmax softmax:
                return _builder.Softmax(input, softmax.dim);
            case Identity or Dropout or Dropout1d or Dropout2d or Dropout3d or AlphaDropout or FeatureAlphaDropout:
                return input; // identities at inference time
            default:
                throw Unsupported(module, path, "no ONNX translation is known for it");
        }
    }

    private string Conv(Conv2d conv, string path, string input)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
            throw Unsupported(conv, path, $"padding mode {conv.padding_mode} has no ONNX Conv equivalent (only zero padding does)");
        long[] pads = conv.padding_type switch
        {
            Padding.Valid => [0, 0, 0, 0],
            Padding.Same => SamePads(conv),
            _ => [.. conv.padding!, .. conv.padding!],
        };
        string weight = Initializer(conv.weight, $"{path}.weight");
        string? bias = conv.bias is null ? null : Initializer(conv.bias, $"{path}.bias");
        return _builder.Conv(input, weight, bias, conv.stride, pads, conv.dilation, conv.groups);
    }

    private static long[] SamePads(Conv2d conv)
    {
        // PyTorch's 'same': the total padding dilation*(k-1) is split with the smaller half first.
        long[] begins = new long[2];
        long[] ends = new long[2];
        for (int i = 0; i < 2; i++)
        {
            long total = conv.dilation[i] * (conv.kernel_size[i] - 1);
            begins[i] = total / 2;
            ends[i] = total - begins[i];
        }
        return [.. begins, .. ends];
    }

    private string BatchNorm(BatchNorm norm, string path, string input)
    {
        if (norm.running_mean is null || norm.running_var is null)
            throw Unsupported(norm, path, "it has no running statistics (track_running_stats=false), so its eval output depends on the batch");
        long channels = norm.num_features;
        string scale = norm.weight is null
            ? _builder.AddFloatInitializer(Enumerable.Repeat(1f, (int)channels).ToArray(), [channels], $"{path}.weight")
            : Initializer(norm.weight, $"{path}.weight");
        string bias = norm.bias is null
            ? _builder.AddFloatInitializer(new float[channels], [channels], $"{path}.bias")
            : Initializer(norm.bias, $"{path}.bias");
        string mean = Initializer(norm.running_mean, $"{path}.running_mean");
        string variance = Initializer(norm.running_var, $"{path}.running_var");
        return _builder.BatchNormalization(input, scale, bias, mean, variance, (float)norm.eps);
    }

    private string MaxPool(MaxPool2d pool, string input)
    {
        long[] kernel = pool.kernel_size;
        long[] stride = pool.stride ?? kernel;
        long[] padding = pool.padding ?? [0, 0];
        long[] dilation = pool.dilation ?? [1, 1];
        return _builder.MaxPool(input, kernel, stride, [.. padding, .. padding], dilation, pool.ceil_mode);
    }

    private string Flatten(Flatten flatten, string path, string input, Tensor probe)
    {
        long rank = probe.dim();
        long start = flatten.start_dim < 0 ? flatten.start_dim + rank : flatten.start_dim;
        long end = flatten.end_dim < 0 ? flatten.end_dim + rank : flatten.end_dim;
        if (start == 0)
            throw Unsupported(flatten, path, "it flattens the batch axis, which the exported model keeps symbolic");
        if (start == 1 && end == rank - 1)
            return _builder.Flatten(input, axis: 1);
        // Keep the batch axis (0 = copy) and take every other size from the probe's actual output.
        long[] target = flatten.forward(probe).shape;
        target[0] = 0;
        return _builder.Reshape(input, target);
    }

    private string Linear(Linear linear, string path, string input, Tensor probe)
    {
        string? bias = linear.bias is null ? null : Initializer(linear.bias, $"{path}.bias");
        if (probe.dim() == 2)
            return _builder.Gemm(input, Initializer(linear.weight, $"{path}.weight"), bias, transB: true);

        // MatMul broadcasts over leading axes; it needs the weight as [in, out].
        using var transposed = linear.weight.detach().t();
        string product = _builder.MatMul(input, Initializer(transposed, $"{path}.weight_t"));
        return bias is null ? product : _builder.Add(product, bias);
    }

    private string Initializer(Tensor tensor, string name)
    {
        using var scope = NewDisposeScope();
        Tensor cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return _builder.AddFloatInitializer(cpu.data<float>().ToArray(), cpu.shape, name);
    }

    private static NotSupportedException Unsupported(nn.Module module, string path, string reason)
        => new($"Cannot export module '{(path.Length == 0 ? "<root>" : path)}' ({module.GetType().Name}) to ONNX: {reason}. "
            + "Supported: Sequential, Conv2d (zero padding), BatchNorm1d/2d/3d with running statistics, ReLU, GELU, MaxPool2d, "
            + "AdaptiveMax/AvgPool2d to 1x1, Flatten, Linear, Softmax, Identity and dropout layers; "
            + $"a custom module can implement {nameof(IOnnxExportable)}.");
}
