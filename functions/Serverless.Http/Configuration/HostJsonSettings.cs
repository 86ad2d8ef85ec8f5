using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Serverless.Http.Configuration;

/// <summary>
/// The settings the hosts take from the Function App's <c>host.json</c>, so one file configures both hosts:
/// <c>extensions.http.routePrefix</c> → <c>Serverless:RoutePrefix</c>; <c>extensions.durableTask.hubName</c> →
/// <c>Durable:TaskHub</c> (a <c>%Setting%</c> is resolved from configuration, and left out when unset), and its
/// <c>defaultVersion</c>, <c>versionMatchStrategy</c> and <c>versionFailureStrategy</c> → <c>Durable:</c> the same;
/// <c>extensions.queues</c>: <c>batchSize</c> → <c>Serverless:Queues:BatchSize</c>, <c>visibilityTimeout</c> (Azure's
/// delay before a failed message is retried) → <c>Serverless:Queues:RetryBaseDelay</c>, <c>maxPollingInterval</c> →
/// <c>Serverless:Queues:MaxPollingInterval</c>, <c>maxDequeueCount</c> → <c>Serverless:Queues:MaxDequeueCount</c>.
/// </summary>
public static class HostJsonSettings
{
    /// <summary>The file's name.</summary>
    public const string FileName = "host.json";

    // The local host's own section (FunctionsHostOptions), where the mapped settings land.
    private const string Section = "Serverless";

    private static readonly (string[] Path, string Key)[] Mappings =
    [
        (["extensions", "http", "routePrefix"], FunctionsRoutePrefix.ConfigurationKey),
        (["extensions", "durableTask", "hubName"], "Durable:TaskHub"),
        (["extensions", "durableTask", "defaultVersion"], "Durable:DefaultVersion"),
        (["extensions", "durableTask", "versionMatchStrategy"], "Durable:VersionMatchStrategy"),
        (["extensions", "durableTask", "versionFailureStrategy"], "Durable:VersionFailureStrategy"),
        (["extensions", "queues", "batchSize"], Section + ":Queues:BatchSize"),
        (["extensions", "queues", "visibilityTimeout"], Section + ":Queues:RetryBaseDelay"),
        (["extensions", "queues", "maxPollingInterval"], Section + ":Queues:MaxPollingInterval"),
        (["extensions", "queues", "maxDequeueCount"], Section + ":Queues:MaxDequeueCount"),
    ];

    /// <summary>
    /// The first <c>host.json</c> found in <paramref name="directories"/>, or <see langword="null"/>.
    /// </summary>
    public static string? Find(params IEnumerable<string> directories) =>
        directories.Select(d => Path.Combine(d, FileName)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Reads the mapped settings from the file at <paramref name="path"/>; <paramref name="resolve"/> looks up the app
    /// setting a <c>%Name%</c> value refers to.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a JSON object.</exception>
    public static Dictionary<string, string?> Read(string path, Func<string, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        using var document = Parse(path);
        var root = document.RootElement;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (segments, key) in Mappings)
        {
            if (Find(root, segments) is not { } value)
            {
                continue;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            if (text.Length > 2 && text[0] == '%' && text[^1] == '%')
            {
                text = resolve(text[1..^1])!;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
            }

            settings[key] = text;
        }

        return settings;
    }

    /// <summary>
    /// Adds the mapped settings of the first <c>host.json</c> in <paramref name="directories"/> to
    /// <paramref name="configuration"/> as the source at <paramref name="index"/> (below the sources after it),
    /// resolving <c>%Name%</c> values from what the configuration holds already. Does nothing when there is no such
    /// file.
    /// </summary>
    public static IConfigurationBuilder AddHostJsonSettings(
        this IConfigurationBuilder configuration, int index, params IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Find(directories) is not { } path)
        {
            return configuration;
        }

        var resolved = configuration.Build();
        var source = new MemoryConfigurationSource { InitialData = Read(path, name => resolved[name]) };
        configuration.Sources.Insert(Math.Min(index, configuration.Sources.Count), source);
        return configuration;
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            var document = JsonDocument.Parse(
                File.ReadAllBytes(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new InvalidDataException($"'{path}' must hold a JSON object.");
            }

            return document;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {exception.Message}", exception);
        }
    }

    private static JsonElement? Find(JsonElement element, string[] segments)
    {
        foreach (var segment in segments)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var found = element.EnumerateObject().FirstOrDefault(p => string.Equals(
                p.Name,
                segment,
                StringComparison.OrdinalIgnoreCase));
            if (found.Value.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            element = found.Value;
        }

        return element.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array ? null : element;
    }
}
