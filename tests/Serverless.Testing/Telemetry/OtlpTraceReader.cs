using Google.Protobuf;

namespace Serverless.Testing.Telemetry;

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) into
/// <see cref="TraceSpan"/>s, reading only the fields the tests use through Google.Protobuf's wire reader: the proto
/// package itself is not served here.
/// </summary>
public static class OtlpTraceReader
{
    /// <summary>Every span of the request, with its resource's <c>service.name</c>.</summary>
    public static List<TraceSpan> Read(byte[] request)
    {
        var spans = new List<TraceSpan>();
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            string? service = null;
            var scopeSpans = new List<byte[]>();
            foreach (var (inner, value) in Fields(resourceSpans))
            {
                if (inner == 1)
                {
                    service = Attributes(value).GetValueOrDefault("service.name");
                }
                else if (inner == 2)
                {
                    scopeSpans.Add(value);
                }
            }

            spans.AddRange(scopeSpans
                .SelectMany(scope => Fields(scope).Where(f => f.Field == 2))
                .Select(span => Span(span.Value) with { Service = service }));
        }

        return spans;
    }

    private static TraceSpan Span(byte[] bytes)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null, statusMessage = null;
        var kind = TraceSpanKind.Unspecified;
        var status = TraceSpanStatus.Unset;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var events = new List<TraceSpanEvent>();
        var links = new List<TraceSpanLink>();
        var input = new CodedInputStream(bytes);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                case 4: parent = Hex(input.ReadBytes()) is { Length: > 0 } p ? p : null; break;
                case 5: name = input.ReadString(); break;
                case 6: kind = (TraceSpanKind)input.ReadEnum(); break;
                case 9: Add(attributes, input.ReadBytes().ToByteArray()); break;
                case 11: events.Add(Event(input.ReadBytes().ToByteArray())); break;
                case 13: links.Add(Link(input.ReadBytes().ToByteArray())); break;
                case 15: (status, statusMessage) = Status(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new TraceSpan(traceId, spanId, parent, name, kind, attributes, events, links, status, statusMessage);
    }

    private static TraceSpanEvent Event(byte[] bytes)
    {
        var name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(bytes))
        {
            if (field == 2)
            {
                name = System.Text.Encoding.UTF8.GetString(value);
            }
            else if (field == 3)
            {
                Add(attributes, value);
            }
        }

        return new TraceSpanEvent(name, attributes);
    }

    private static TraceSpanLink Link(byte[] bytes)
    {
        var fields = Fields(bytes).ToList();
        return new TraceSpanLink(
            Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Field == 1).Value ?? []),
            Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Field == 2).Value ?? []));
    }

    private static (TraceSpanStatus, string?) Status(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string? message = null;
        var code = TraceSpanStatus.Unset;
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: message = input.ReadString(); break;
                case 3: code = (TraceSpanStatus)input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }

        return (code, message);
    }

    /// <summary>The attributes (KeyValue, field 1) of a Resource.</summary>
    private static Dictionary<string, string> Attributes(byte[] resource)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(resource))
        {
            if (field == 1)
            {
                Add(attributes, value);
            }
        }

        return attributes;
    }

    /// <summary>Adds one KeyValue: key (1) and AnyValue (2) of string, bool, int or double.</summary>
    private static void Add(Dictionary<string, string> attributes, byte[] keyValue)
    {
        string? key = null, text = null;
        foreach (var (field, value) in Fields(keyValue))
        {
            if (field == 1)
            {
                key = System.Text.Encoding.UTF8.GetString(value);
            }
            else if (field == 2)
            {
                text = AnyValue(value);
            }
        }

        if (key is not null)
        {
            attributes[key] = text ?? string.Empty;
        }
    }

    private static string? AnyValue(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: return input.ReadString();
                case 2: return input.ReadBool() ? "True" : "False";
                case 3: return input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                case 4: return input.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);
                default: input.SkipLastField(); break;
            }
        }

        return null;
    }

    /// <summary>The length-delimited fields of a message, in order (other wire types are skipped).</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<(int Field, byte[] Value)>();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
