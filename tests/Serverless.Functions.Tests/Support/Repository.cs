using System.Reflection;

namespace Serverless.Functions.Tests.Support;

/// <summary>Files of the repository and of the Function App's build output.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string HostJson => Path.Combine(Root, "host.json");

    public static string AppSettings => Path.Combine(Root, "infra", "app-settings.json");

    /// <summary>functions.metadata as the Worker SDK wrote it into the Function App's build output.</summary>
    public static string FunctionsMetadata =>
        Path.Combine(
            Root,
            "functions",
            "Serverless.Functions",
            "bin",
            Metadata("Configuration"),
            "net10.0",
            "functions.metadata");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
