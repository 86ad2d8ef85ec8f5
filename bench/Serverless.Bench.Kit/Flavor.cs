namespace Serverless.Bench.Kit;

/// <summary>
/// One build to measure: a name, the publish folder holding its executable (<c>Serverless.Host</c> unless it is the
/// reference app), and environment variables of its own (none unless --env FLAVOUR:NAME=VALUE).
/// </summary>
public sealed record Flavor(string Name, string Directory, string ExecutableName = Flavor.HostExecutable)
{
    public const string HostExecutable = "Serverless.Host";

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A reference app without the order API: only the first healthy response is timed.</summary>
    public bool HealthOnly { get; init; }

    /// <summary>Why this flavour could not be published (its row says so and it is not run), or null.</summary>
    public string? PublishFailure { get; init; }

    public string Executable => Path.Combine(Directory, ExecutableName);

    public long ExecutableBytes => File.Exists(Executable) ? new FileInfo(Executable).Length : 0;

    public long FolderBytes => Files().Sum(f => f.Length);

    /// <summary>What a deployment needs: the folder without debug symbols (.pdb, .dbg) and XML docs.</summary>
    public long DeployBytes => Files().Where(f => f.Extension is not (".pdb" or ".dbg" or ".xml")).Sum(f => f.Length);

    private IEnumerable<FileInfo> Files() => System.IO.Directory.Exists(Directory)
        ? new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories)
        : [];
}
