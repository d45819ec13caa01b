using Google.Protobuf;
using Google.Protobuf.Collections;
using Microsoft.ML.EarlyStopping.Export;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>Cross-checks the hand-written wire-format writer against Google.Protobuf's reference implementation.</summary>
[TestClass]
public sealed class ProtobufWriterTests
{
    private static byte[] Reference(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    [TestMethod]
    [DataRow(0UL)]
    [DataRow(1UL)]
    [DataRow(127UL)]
    [DataRow(128UL)]
    [DataRow(300UL)]
    [DataRow(16_383UL)]
    [DataRow(16_384UL)]
    [DataRow((ulong)uint.MaxValue)]
    [DataRow((ulong)long.MaxValue)]
    [DataRow(ulong.MaxValue)]
    public void VarintMatchesReference(ulong value)
    {
        var writer = new ProtobufWriter();
        writer.WriteVarint(value);

        CollectionAssert.AreEqual(Reference(o => o.WriteUInt64(value)), writer.ToArray());
        Assert.AreEqual(writer.Length, ProtobufWriter.VarintSize(value));
    }

    [TestMethod]
    [DataRow(0L)]
    [DataRow(5L)]
    [DataRow(-1L)]
    [DataRow(-3072L)]
    [DataRow(long.MinValue)]
    [DataRow(long.MaxValue)]
    public void Int64FieldMatchesReference(long value)
    {
        var writer = new ProtobufWriter();
        writer.WriteInt64(8, value);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(8, WireFormat.WireType.Varint);
            o.WriteInt64(value);
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(7)]
    [DataRow(-2)]
    [DataRow(int.MinValue)]
    public void Int32FieldIsSignExtendedLikeReference(int value)
    {
        var writer = new ProtobufWriter();
        writer.WriteInt32(20, value);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(value);
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    [DataRow(0f)]
    [DataRow(1e-5f)]
    [DataRow(-3.25f)]
    [DataRow(float.MaxValue)]
    [DataRow(float.NegativeInfinity)]
    public void FloatFieldMatchesReference(float value)
    {
        var writer = new ProtobufWriter();
        writer.WriteFloat(2, value);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(2, WireFormat.WireType.Fixed32);
            o.WriteFloat(value);
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("Features")]
    [DataRow("chat \u00e9t\u00e9 \u732b \U0001F408")]
    public void StringFieldMatchesReference(string value)
    {
        var writer = new ProtobufWriter();
        writer.WriteString(4, value);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString(value);
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    public void LongStringUsesMultiByteLengthPrefix()
    {
        string value = new('x', 300);
        var writer = new ProtobufWriter();
        writer.WriteString(1, value);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(value);
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    public void BytesFieldMatchesReference()
    {
        byte[] payload = Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray();
        var writer = new ProtobufWriter();
        writer.WriteBytes(9, payload);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(9, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(payload));
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    public void PackedFloatsMatchReferenceRepeatedField()
    {
        var random = new Random(11);
        float[] values = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var writer = new ProtobufWriter();
        writer.WritePackedFloats(4, values);

        var field = new RepeatedField<float>();
        field.AddRange(values);
        byte[] expected = Reference(o => field.WriteTo(o, FieldCodec.ForFloat(WireFormat.MakeTag(4, WireFormat.WireType.LengthDelimited))));
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    public void PackedInt64sMatchReferenceRepeatedField()
    {
        long[] values = [-1, 0, 1, 3, 32, 32, 127, 128, 300, long.MaxValue, long.MinValue, -3072];
        var writer = new ProtobufWriter();
        writer.WritePackedInt64s(7, values);

        var field = new RepeatedField<long>();
        field.AddRange(values);
        byte[] expected = Reference(o => field.WriteTo(o, FieldCodec.ForInt64(WireFormat.MakeTag(7, WireFormat.WireType.LengthDelimited))));
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    public void EmptyPackedFieldsAreOmitted()
    {
        var writer = new ProtobufWriter();
        writer.WritePackedFloats(4, []);
        writer.WritePackedInt64s(7, []);

        Assert.AreEqual(0, writer.Length);
    }

    [TestMethod]
    public void NestedMessagesReadBackWithReferenceParser()
    {
        // message Outer { string name = 2; repeated Inner inner = 1; int64 version = 5; }
        // message Inner { repeated float data = 4 [packed]; int32 type = 2; }
        var writer = new ProtobufWriter();
        writer.WriteMessage(1, inner =>
        {
            inner.WritePackedFloats(4, [1.5f, -2f]);
            inner.WriteInt32(2, 1);
        });
        writer.WriteString(2, "graph");
        writer.WriteMessage(1, inner => inner.WriteInt32(2, 7));
        writer.WriteInt64(5, 9);

        var input = new CodedInputStream(writer.ToArray());
        var innerTypes = new List<int>();
        var innerData = new List<float[]>();
        string? name = null;
        long version = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    Assert.AreEqual(WireFormat.WireType.LengthDelimited, WireFormat.GetTagWireType(tag));
                    var nested = new CodedInputStream(input.ReadBytes().ToByteArray());
                    var floats = new RepeatedField<float>();
                    int type = -1;
                    uint innerTag;
                    while ((innerTag = nested.ReadTag()) != 0)
                    {
                        if (WireFormat.GetTagFieldNumber(innerTag) == 4)
                            floats.AddEntriesFrom(nested, FieldCodec.ForFloat(innerTag));
                        else if (WireFormat.GetTagFieldNumber(innerTag) == 2)
                            type = nested.ReadInt32();
                        else
                            Assert.Fail($"unexpected inner field {WireFormat.GetTagFieldNumber(innerTag)}");
                    }
                    innerTypes.Add(type);
                    innerData.Add(floats.ToArray());
                    break;
                case 2:
                    name = input.ReadString();
                    break;
                case 5:
                    version = input.ReadInt64();
                    break;
                default:
                    Assert.Fail($"unexpected field {WireFormat.GetTagFieldNumber(tag)}");
                    break;
            }
        }

        Assert.AreEqual("graph", name);
        Assert.AreEqual(9L, version);
        CollectionAssert.AreEqual(new[] { 1, 7 }, innerTypes);
        CollectionAssert.AreEqual(new[] { 1.5f, -2f }, innerData[0]);
        Assert.IsEmpty(innerData[1]);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-1)]
    [DataRow(0x20000000)]
    public void InvalidFieldNumberIsRejected(int fieldNumber)
    {
        var writer = new ProtobufWriter();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => writer.WriteInt64(fieldNumber, 1));
    }

    [TestMethod]
    public void LargestFieldNumberMatchesReference()
    {
        const int field = 0x1FFFFFFF;
        var writer = new ProtobufWriter();
        writer.WriteInt64(field, 1);

        byte[] expected = Reference(o =>
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt64(1);
        });
        CollectionAssert.AreEqual(expected, writer.ToArray());
    }

    [TestMethod]
    public void MessageCannotContainItself()
    {
        var writer = new ProtobufWriter();

        Assert.ThrowsExactly<ArgumentException>(() => writer.WriteMessage(1, writer));
    }
}
