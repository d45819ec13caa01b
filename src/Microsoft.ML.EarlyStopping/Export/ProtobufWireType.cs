namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>The protocol buffers wire types this project writes (the low 3 bits of a field key).</summary>
internal enum ProtobufWireType
{
    /// <summary>Base-128 varint: int32, int64, enums, bool.</summary>
    Varint = 0,

    /// <summary>Little-endian 8 bytes: double, fixed64.</summary>
    Fixed64 = 1,

    /// <summary>Varint length followed by that many bytes: strings, bytes, nested messages, packed arrays.</summary>
    LengthDelimited = 2,

    /// <summary>Little-endian 4 bytes: float, fixed32.</summary>
    Fixed32 = 5,
}
