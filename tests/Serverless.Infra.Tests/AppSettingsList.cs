using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// infra/app-settings.json: the one list of the app settings the Function App reads at start-up (name -> what for).
/// These tests check the template against it; the Function App's tests check its code against it.
/// </summary>
internal static class AppSettingsList
{
    public static string FilePath => Path.Combine(CompiledInfra.InfraDirectory, "app-settings.json");

    public static IReadOnlyDictionary<string, string> Read()
    {
        var settings = JsonNode.Parse(File.ReadAllText(FilePath))!["settings"]!.AsObject();
        return settings.ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal);
    }
}
