using System.Text.Encodings.Web;
using System.Text.Json;

namespace Serverless.Durable.Serialization;

internal sealed partial class DurableJsonContext
{
    // Lazy: static initializers of partial files run in no set order, and this one needs Default.
    private static readonly Lazy<DurableJsonContext> StoredContext =
        new(() =>
            new DurableJsonContext(new JsonSerializerOptions(Default!.Options)
            {
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));

    /// <summary>
    /// The contracts as stored and sent: the names and shapes of <c>Default</c>, with minimal escaping. Payloads inside
    /// events are JSON strings, whose every quote the default encoder writes as six characters (<c>\u0022</c>) instead
    /// of two; nothing stored is served as HTML, and any JSON reader reads both forms, so rows written before read the
    /// same.
    /// </summary>
    public static DurableJsonContext Stored => StoredContext.Value;
}
