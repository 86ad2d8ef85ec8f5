namespace Serverless.Bench.Kit;

/// <summary>
/// Finds the repository (the folder holding Serverless.sln) from the working or the tool's own directory.
/// </summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above the working directory: run from the " +
            "repository or pass --repo DIR.");
    }
}
