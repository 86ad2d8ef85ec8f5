using System.Text.Json;

namespace Serverless.Host.Management;

/// <summary>
/// Stored JSON text as a <see cref="JsonElement"/>, so responses embed it as JSON rather than as a string.
/// </summary>
internal static class Json
{
    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
