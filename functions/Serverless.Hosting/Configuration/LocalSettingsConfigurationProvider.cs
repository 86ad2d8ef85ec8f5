using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Serverless.Hosting.Configuration;

/// <summary>Loads <c>local.settings.json</c> with <see cref="JsonDocument"/> (no reflection, so AOT-safe).</summary>
internal sealed class LocalSettingsConfigurationProvider(string path) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            Read(stream, data);
        }

        Data = data;
    }

    private void Read(Stream stream, Dictionary<string, string?> data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                stream,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"'{path}' must hold a JSON object like " +
                    $"{{\"IsEncrypted\":false,\"Values\":{{}}}}.");
            }

            if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
            {
                throw new InvalidDataException($"'{path}' is encrypted; decrypt it (func settings decrypt) or set " +
                    $"IsEncrypted to false.");
            }

            AddSection(root, "Values", prefix: null, data);
            AddSection(root, "ConnectionStrings", prefix: "ConnectionStrings", data);
            if (root.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object
                && host.TryGetProperty("LocalHttpPort", out var port) && port.ValueKind != JsonValueKind.Null)
            {
                data[FunctionsHostOptions.SectionName + ":Port"] = Scalar(port);
            }
        }
    }

    private void AddSection(JsonElement root, string name, string? prefix, Dictionary<string, string?> data)
    {
        if (!root.TryGetProperty(name, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{name}' in '{path}' must be a JSON object of names to values.");
        }

        foreach (var property in section.EnumerateObject())
        {
            var key = property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            data[prefix is null ? key : ConfigurationPath.Combine(prefix, key)] = Scalar(property.Value);
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
