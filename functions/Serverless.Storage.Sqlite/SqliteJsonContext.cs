using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Storage.Sqlite;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for the entities' property bags.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The contracts with minimal escaping: property values are often JSON themselves, whose every quote the default
    /// encoder writes as six characters (<c>\u0022</c>) instead of two (<c>\"</c>). The file is never served as HTML,
    /// so escaping its HTML-sensitive characters buys nothing; any JSON reader reads both forms.
    /// </summary>
    public static SqliteJsonContext Stored { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
