using System.Buffers.Binary;

namespace Microsoft.ML.EarlyStopping.Tracking.TensorBoard;

/// <summary>
/// Writes TFRecord framing to a long-lived stream: little-endian 64-bit length, masked CRC-32C of those 8 bytes, the
/// record, masked CRC-32C of the record.
/// </summary>
internal sealed class TfRecordWriter : IDisposable
{
    private readonly Stream _stream;

    public TfRecordWriter(Stream stream)
    {
        _stream = stream;
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Mask(Crc32C.Compute(header[..8])));
        _stream.Write(header);
        _stream.Write(record);
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Mask(Crc32C.Compute(record)));
        _stream.Write(footer);
    }

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();
}
