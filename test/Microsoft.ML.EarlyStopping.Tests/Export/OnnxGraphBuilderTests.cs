using Google.Protobuf;
using Microsoft.ML.EarlyStopping.Export;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>Model-level fields and the builder's validation.</summary>
[TestClass]
public sealed class OnnxGraphBuilderTests
{
    private static OnnxGraphBuilder ReluModel()
    {
        var builder = new OnnxGraphBuilder("tiny");
        string x = builder.AddInput("x", OnnxDataType.Float, OnnxDimension.Symbolic("N"), 4);
        builder.AddOutput(builder.Relu(x, "y"), OnnxDataType.Float, OnnxDimension.Symbolic("N"), 4);
        return builder;
    }

    /// <summary>Reads the top-level ModelProto fields with Google.Protobuf's reader.</summary>
    private static (long IrVersion, string Producer, List<(string Domain, long Version)> Opsets, List<(string Key, string Value)> Metadata) ReadHeader(byte[] model)
    {
        var input = new CodedInputStream(model);
        long irVersion = -1;
        string producer = "";
        var opsets = new List<(string, long)>();
        var metadata = new List<(string, string)>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    irVersion = input.ReadInt64();
                    break;
                case 2:
                    producer = input.ReadString();
                    break;
                case 8:
                    opsets.Add(ReadPair(input.ReadBytes(), r => r.ReadInt64(), default(long)));
                    break;
                case 14:
                    metadata.Add(ReadPair(input.ReadBytes(), r => r.ReadString(), ""));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return (irVersion, producer, opsets, metadata);
    }

    private static (string, T) ReadPair<T>(ByteString bytes, Func<CodedInputStream, T> readSecond, T fallback)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        string first = "";
        T second = fallback;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
                first = input.ReadString();
            else if (WireFormat.GetTagFieldNumber(tag) == 2)
                second = readSecond(input);
            else
                input.SkipLastField();
        }
        return (first, second);
    }

    [TestMethod]
    public void ModelDeclaresIrVersionOpsetAndProducer()
    {
        var builder = ReluModel();
        builder.AddMetadata("source", "unit test");

        var header = ReadHeader(builder.ToBytes());

        Assert.AreEqual(OnnxGraphBuilder.IrVersion, header.IrVersion);
        Assert.AreEqual("Microsoft.ML.EarlyStopping", header.Producer);
        CollectionAssert.AreEqual(new[] { ("", (long)OnnxGraphBuilder.OpsetVersion) }, header.Opsets);
        CollectionAssert.AreEqual(new[] { ("source", "unit test") }, header.Metadata);
    }

    [TestMethod]
    public void SlotNamesImportTheMLDomain()
    {
        var builder = ReluModel();
        builder.AddSlotNames("y", ["a", "b", "c", "d"]);

        var header = ReadHeader(builder.ToBytes());

        CollectionAssert.AreEqual(new[] { ("", (long)OnnxGraphBuilder.OpsetVersion), ("ai.onnx.ml", (long)OnnxGraphBuilder.MLOpsetVersion) }, header.Opsets);
    }

    [TestMethod]
    public void ModelWithSlotNamesStillRunsInOnnxRuntime()
    {
        var builder = ReluModel();
        builder.AddSlotNames("y", ["a", "b", "c", "d"]);

        (float[] values, _) = OnnxRuntimeRunner.RunFloat(builder.ToBytes(), "x", [-1f, 2f, -3f, 4f], [1, 4], "y");

        CollectionAssert.AreEqual(new[] { 0f, 2f, 0f, 4f }, values);
    }

    [TestMethod]
    public void UsingAnUndefinedValueIsRejected()
    {
        var builder = new OnnxGraphBuilder();
        builder.AddInput("x", OnnxDataType.Float, 1, 4);

        var error = Assert.ThrowsExactly<ArgumentException>(() => builder.Add("x", "bias"));

        Assert.Contains("'bias'", error.Message);
        Assert.Contains("not defined", error.Message);
    }

    [TestMethod]
    public void ValueNamesMustBeUnique()
    {
        var builder = new OnnxGraphBuilder();
        string x = builder.AddInput("x", OnnxDataType.Float, 1, 4);
        builder.Relu(x, "y");

        Assert.ThrowsExactly<ArgumentException>(() => builder.Relu(x, "y"));
        Assert.ThrowsExactly<ArgumentException>(() => builder.AddFloatInitializer([1f], [1], "x"));
        Assert.ThrowsExactly<ArgumentException>(() => builder.AddInput("y", OnnxDataType.Float, 1));
    }

    [TestMethod]
    public void InitializerShapeMustMatchValueCount()
    {
        var builder = new OnnxGraphBuilder();

        var error = Assert.ThrowsExactly<ArgumentException>(() => builder.AddFloatInitializer([1f, 2f, 3f], [2, 2], "w"));

        Assert.Contains("'w'", error.Message);
        Assert.Contains("4 elements but 3", error.Message);
    }

    [TestMethod]
    public void ModelNeedsInputsAndOutputs()
    {
        var noInput = new OnnxGraphBuilder();
        var noOutput = new OnnxGraphBuilder();
        noOutput.Relu(noOutput.AddInput("x", OnnxDataType.Float, 1));

        Assert.ThrowsExactly<InvalidOperationException>(() => noInput.ToBytes());
        Assert.ThrowsExactly<InvalidOperationException>(() => noOutput.ToBytes());
    }

    [TestMethod]
    public void InvalidOperatorArgumentsAreRejected()
    {
        var builder = new OnnxGraphBuilder();
        string x = builder.AddInput("x", OnnxDataType.Float, 1, 3, 8, 8);
        string w = builder.AddFloatInitializer(new float[2 * 3 * 3 * 3], [2, 3, 3, 3]);

        Assert.ThrowsExactly<ArgumentException>(() => builder.Conv(x, w, null, strides: [1, 1], pads: [1, 1]));
        Assert.ThrowsExactly<ArgumentException>(() => builder.MaxPool(x, [2, 2], [2], [0, 0, 0, 0]));
        Assert.ThrowsExactly<ArgumentException>(() => builder.Reshape(x, [-1, -1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => builder.BatchNormalization(x, w, w, w, w, float.NaN));
        Assert.ThrowsExactly<ArgumentException>(() => builder.AddSlotNames("y", ["a", "a"]));
        Assert.ThrowsExactly<ArgumentException>(() => builder.AddOutput("x", OnnxDataType.Float, 1, 3, 8, 8));
    }
}
