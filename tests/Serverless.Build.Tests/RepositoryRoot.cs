using System.Reflection;

namespace Serverless.Build.Tests;

/// <summary>The repository's root (the folder holding Serverless.sln), as recorded at build time.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        var recorded = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        foreach (var start in new[] { recorded, AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No Serverless.sln at {recorded} nor above {AppContext.BaseDirectory}.");
    }
}
