using System.Diagnostics.Tracing;
using System.Text;
using System.Text.Json;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Records, from the service provider's own event source, every generic type and array it makes while building call
/// sites (IOptions&lt;T&gt; and their factories, ILogger&lt;T&gt;, the arrays behind IEnumerable&lt;T&gt;): the types
/// Native AOT must generate ahead of time. Process-wide: run it where no other service provider is being built.
/// </summary>
internal sealed class ServiceProviderGenericsRecorder : EventListener
{
    private const string SourceName = "Microsoft-Extensions-DependencyInjection";
    private readonly Lock _gate = new();
    private readonly List<string> _callSites = [];
    private readonly Dictionary<(int Provider, string Service), StringBuilder> _partial = [];

    /// <summary>The types recorded so far, as <see cref="RdXmlTypeName"/> spells them.</summary>
    public IReadOnlySet<RdXmlTypeName> RecordedTypes()
    {
        var types = new HashSet<RdXmlTypeName>();
        lock (_gate)
        {
            foreach (var callSite in _callSites)
            {
                using var json = JsonDocument.Parse(callSite);
                Collect(json.RootElement, types);
            }
        }

        return types;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // CallSiteBuilt(serviceType, callSite, chunkIndex, chunkCount, providerHashCode): the call-site tree as JSON,
        // split into chunks when it is long.
        if (eventData.EventName != "CallSiteBuilt"
            || eventData.Payload is not [string service, string chunk, int index, int count, int provider])
        {
            return;
        }

        lock (_gate)
        {
            if (!_partial.TryGetValue((provider, service), out var callSite))
            {
                _partial[(provider, service)] = callSite = new StringBuilder();
            }

            callSite.Append(chunk);
            if (index == count - 1)
            {
                _partial.Remove((provider, service));
                _callSites.Add(callSite.ToString());
            }
        }
    }

    private static void Collect(JsonElement element, HashSet<RdXmlTypeName> types)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String
                        && property.Name is "serviceType" or "implementationType" or "itemType")
                    {
                        var type = RuntimeTypeNames.Resolve(property.Value.GetString()!);
                        Add(property.Name == "itemType" ? type.MakeArrayType() : type, types);
                    }
                    else
                    {
                        Collect(property.Value, types);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, types);
                }

                break;
        }
    }

    private static void Add(Type type, HashSet<RdXmlTypeName> types)
    {
        if (type.IsArray || type.IsConstructedGenericType)
        {
            types.Add(RdXmlTypeName.Of(type));
        }
    }
}
