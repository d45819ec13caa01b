using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// A minimal writer of the protocol buffers wire format: just what an ONNX ModelProto needs
/// (varints, fixed32 floats, length-delimited strings/bytes/packed arrays and nested messages).
/// </summary>
/// <remarks>
/// Nested messages are written into their own writer first and then copied in behind their length,
/// because the wire format puts the byte length before the body. ONNX models are at most a few hundred MB,
/// so the extra copy per nesting level is cheap compared with hand-computing sizes in advance.
/// </remarks>
internal sealed class ProtobufWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Creates an empty writer.</summary>
    public ProtobufWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(Math.Max(initialCapacity, 16));
    }

    /// <summary>The number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Returns a copy of the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Writes a field key: the field number shifted left by 3, or-ed with the wire type.</summary>
    public void WriteTag(int fieldNumber, ProtobufWireType wireType)
    {
        // Field numbers 19000-19999 are reserved by protobuf but still encodable; only the range matters here.
        if (fieldNumber < 1 || fieldNumber > 0x1FFFFFFF)
            throw new ArgumentOutOfRangeException(nameof(fieldNumber), fieldNumber, "A protobuf field number must be between 1 and 2^29-1.");
        WriteVarint(((ulong)(uint)fieldNumber << 3) | (uint)wireType);
    }

    /// <summary>Writes an unsigned base-128 varint (no tag).</summary>
    public void WriteVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(10);
        int count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[count++] = (byte)value;
        _buffer.Advance(count);
    }

    /// <summary>Writes an <c>int64</c> field (varint; negative values take 10 bytes, as protobuf specifies).</summary>
    public void WriteInt64(int fieldNumber, long value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Varint);
        WriteVarint((ulong)value);
    }

    /// <summary>Writes an <c>int32</c> field (varint; negative values are sign-extended to 64 bits, as protobuf specifies).</summary>
    public void WriteInt32(int fieldNumber, int value) => WriteInt64(fieldNumber, value);

    /// <summary>Writes a <c>float</c> field (wire type fixed32, little-endian).</summary>
    public void WriteFloat(int fieldNumber, float value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>Writes a <c>double</c> field (wire type fixed64, little-endian).</summary>
    public void WriteDouble(int fieldNumber, double value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Fixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Writes a <c>string</c> field as UTF-8.</summary>
    public void WriteString(int fieldNumber, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)byteCount);
        int written = Encoding.UTF8.GetBytes(value, _buffer.GetSpan(byteCount));
        _buffer.Advance(written);
    }

    /// <summary>Writes a <c>bytes</c> field.</summary>
    public void WriteBytes(int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Writes a packed <c>repeated float</c> field: one length-delimited run of little-endian fixed32 values.</summary>
    public void WritePackedFloats(int fieldNumber, ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
            return; // an empty packed field is encoded by omitting it
        int byteCount = checked(values.Length * sizeof(float));
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)byteCount);
        Span<byte> span = _buffer.GetSpan(byteCount);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(span.Slice(i * sizeof(float)), values[i]);
        _buffer.Advance(byteCount);
    }

    /// <summary>Writes a packed <c>repeated int64</c> field: one length-delimited run of varints.</summary>
    public void WritePackedInt64s(int fieldNumber, ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
            return;
        int byteCount = 0;
        foreach (long value in values)
            byteCount += VarintSize((ulong)value);
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)byteCount);
        foreach (long value in values)
            WriteVarint((ulong)value);
    }

    /// <summary>Writes a nested message field whose body was produced by another writer.</summary>
    public void WriteMessage(int fieldNumber, ProtobufWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (ReferenceEquals(message, this))
            throw new ArgumentException("A message cannot be nested inside itself.", nameof(message));
        WriteBytes(fieldNumber, message.WrittenSpan);
    }

    /// <summary>Writes a nested message field whose body is produced by <paramref name="writeBody"/>.</summary>
    public void WriteMessage(int fieldNumber, Action<ProtobufWriter> writeBody)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        var body = new ProtobufWriter();
        writeBody(body);
        WriteMessage(fieldNumber, body);
    }

    /// <summary>The number of bytes <paramref name="value"/> takes as a varint.</summary>
    public static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }
}
