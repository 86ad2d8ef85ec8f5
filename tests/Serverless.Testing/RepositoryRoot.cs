using System.Reflection;

namespace Serverless.Testing;

/// <summary>The repository's root (the folder holding Serverless.sln), as recorded at build time.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path under the repository root, from its parts.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Looks for Serverless.sln at the recorded root, else above the output folder.</summary>
    public static string Find()
    {
        var recorded = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        foreach (var start in new[] { recorded, AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Serverless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No Serverless.sln at {recorded} nor above {AppContext.BaseDirectory}.");
    }
}
