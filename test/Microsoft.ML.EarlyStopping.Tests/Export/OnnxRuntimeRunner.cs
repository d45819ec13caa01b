using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>Runs an ONNX model in ONNX Runtime directly (no ML.NET), for checking single operators.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>Runs <paramref name="model"/> on one float input and returns one output as floats with its shape.</summary>
    public static (float[] Values, long[] Shape) RunFloat(byte[] model, string inputName, float[] input, long[] shape, string outputName)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [value], [outputName]);
        OrtValue result = results[0];
        return (result.GetTensorDataAsSpan<float>().ToArray(), result.GetTensorTypeAndShape().Shape);
    }

    /// <summary>Runs <paramref name="model"/> on one float input and returns one output as 64-bit integers with its shape.</summary>
    public static (long[] Values, long[] Shape) RunInt64(byte[] model, string inputName, float[] input, long[] shape, string outputName)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [value], [outputName]);
        OrtValue result = results[0];
        return (result.GetTensorDataAsSpan<long>().ToArray(), result.GetTensorTypeAndShape().Shape);
    }
}
