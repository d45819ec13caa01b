using System.Text;
using F = Microsoft.ML.EarlyStopping.Export.OnnxProtoFields;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>Writes the parts collected by <see cref="OnnxGraphBuilder"/> as an ONNX <c>ModelProto</c>.</summary>
/// <remarks>
/// Repeated scalar fields declared without <c>[packed = true]</c> in the proto2 specification
/// (tensor dims, attribute ints/floats) are written unpacked, element by element, exactly as declared;
/// <c>float_data</c> and <c>int64_data</c> are declared packed and are written packed.
/// </remarks>
internal static class OnnxModelSerializer
{
    public static byte[] Serialize(OnnxModelParts model)
    {
        var writer = new ProtobufWriter(EstimateSize(model));
        writer.WriteInt64(F.Model.IrVersion, model.IrVersion);
        writer.WriteString(F.Model.ProducerName, model.ProducerName);
        writer.WriteString(F.Model.ProducerVersion, model.ProducerVersion);
        if (!string.IsNullOrEmpty(model.Domain))
            writer.WriteString(F.Model.Domain, model.Domain);
        writer.WriteInt64(F.Model.ModelVersion, model.ModelVersion);
        if (!string.IsNullOrEmpty(model.DocString))
            writer.WriteString(F.Model.DocString, model.DocString);
        writer.WriteMessage(F.Model.Graph, graph => WriteGraph(graph, model));
        foreach ((string domain, long version) in model.OpsetImports)
        {
            writer.WriteMessage(F.Model.OpsetImport, opset =>
            {
                opset.WriteString(F.OperatorSetId.Domain, domain);
                opset.WriteInt64(F.OperatorSetId.Version, version);
            });
        }
        foreach (KeyValuePair<string, string> entry in model.Metadata)
        {
            writer.WriteMessage(F.Model.MetadataProps, prop =>
            {
                prop.WriteString(F.StringStringEntry.Key, entry.Key);
                prop.WriteString(F.StringStringEntry.Value, entry.Value);
            });
        }
        return writer.ToArray();
    }

    private static void WriteGraph(ProtobufWriter graph, OnnxModelParts model)
    {
        foreach (OnnxNode node in model.Nodes)
            graph.WriteMessage(F.Graph.Node, w => WriteNode(w, node));
        graph.WriteString(F.Graph.Name, model.GraphName);
        foreach (OnnxTensor tensor in model.Initializers)
            graph.WriteMessage(F.Graph.Initializer, w => WriteTensor(w, tensor));
        foreach (OnnxValueInfo input in model.Inputs)
            graph.WriteMessage(F.Graph.Input, w => WriteValueInfo(w, input));
        foreach (OnnxValueInfo output in model.Outputs)
            graph.WriteMessage(F.Graph.Output, w => WriteValueInfo(w, output));
    }

    private static void WriteNode(ProtobufWriter w, OnnxNode node)
    {
        foreach (string input in node.Inputs)
            w.WriteString(F.Node.Input, input);
        foreach (string output in node.Outputs)
            w.WriteString(F.Node.Output, output);
        w.WriteString(F.Node.Name, node.Name);
        w.WriteString(F.Node.OpType, node.OpType);
        foreach (OnnxAttribute attribute in node.Attributes)
            w.WriteMessage(F.Node.Attribute, a => WriteAttribute(a, attribute));
        if (!string.IsNullOrEmpty(node.Domain))
            w.WriteString(F.Node.Domain, node.Domain);
    }

    private static void WriteAttribute(ProtobufWriter w, OnnxAttribute attribute)
    {
        w.WriteString(F.Attribute.Name, attribute.Name);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float:
                w.WriteFloat(F.Attribute.F, attribute.FloatValue);
                break;
            case OnnxAttributeKind.Int:
                w.WriteInt64(F.Attribute.I, attribute.IntValue);
                break;
            case OnnxAttributeKind.String:
                w.WriteBytes(F.Attribute.S, Encoding.UTF8.GetBytes(attribute.StringValue));
                break;
            case OnnxAttributeKind.Floats:
                foreach (float value in attribute.Floats)
                    w.WriteFloat(F.Attribute.Floats, value);
                break;
            case OnnxAttributeKind.Ints:
                foreach (long value in attribute.Ints)
                    w.WriteInt64(F.Attribute.Ints, value);
                break;
            case OnnxAttributeKind.Strings:
                foreach (string value in attribute.Strings)
                    w.WriteBytes(F.Attribute.Strings, Encoding.UTF8.GetBytes(value));
                break;
            default:
                throw new InvalidOperationException($"Attribute '{attribute.Name}' has unsupported kind {attribute.Kind}.");
        }
        w.WriteInt32(F.Attribute.Type, (int)attribute.Kind);
    }

    private static void WriteTensor(ProtobufWriter w, OnnxTensor tensor)
    {
        foreach (long dim in tensor.Dims)
            w.WriteInt64(F.Tensor.Dims, dim);
        w.WriteInt32(F.Tensor.DataType, (int)tensor.DataType);
        switch (tensor.DataType)
        {
            case OnnxDataType.Float:
                w.WritePackedFloats(F.Tensor.FloatData, tensor.FloatData);
                break;
            case OnnxDataType.Int64:
                w.WritePackedInt64s(F.Tensor.Int64Data, tensor.Int64Data);
                break;
            case OnnxDataType.String:
                foreach (string value in tensor.StringData)
                    w.WriteBytes(F.Tensor.StringData, Encoding.UTF8.GetBytes(value));
                break;
            default:
                throw new InvalidOperationException($"Initializer '{tensor.Name}' has unsupported element type {tensor.DataType}.");
        }
        w.WriteString(F.Tensor.Name, tensor.Name);
    }

    private static void WriteValueInfo(ProtobufWriter w, OnnxValueInfo info)
    {
        w.WriteString(F.ValueInfo.Name, info.Name);
        w.WriteMessage(F.ValueInfo.Type, type =>
            type.WriteMessage(F.TypeProto.TensorType, tensorType =>
            {
                tensorType.WriteInt32(F.TensorTypeProto.ElemType, (int)info.ElementType);
                tensorType.WriteMessage(F.TensorTypeProto.Shape, shape =>
                {
                    foreach (OnnxDimension dim in info.Shape)
                    {
                        shape.WriteMessage(F.TensorShape.Dim, d =>
                        {
                            if (dim.Symbol is not null)
                                d.WriteString(F.Dimension.DimParam, dim.Symbol);
                            else
                                d.WriteInt64(F.Dimension.DimValue, dim.Size ?? 0);
                        });
                    }
                });
            }));
    }

    private static int EstimateSize(OnnxModelParts model)
    {
        long bytes = 4096;
        foreach (OnnxTensor tensor in model.Initializers)
            bytes += tensor.FloatData.LongLength * sizeof(float) + tensor.Int64Data.LongLength * 10 + 64;
        return (int)Math.Min(bytes, Array.MaxLength);
    }
}
