using System.Text.RegularExpressions;
using Xunit;

namespace Serverless.Testing;

/// <summary>
/// Publishes the host once with plain <c>dotnet publish -c Release</c> (Native AOT is the default flavour, SQLite the
/// only backend, see functions/Serverless.Host/Publish.props) into a temp folder, with its own artifacts path so the
/// publish shares no obj/ or bin/ folder with the build that runs the tests. Shared by the build tests and the host
/// tests that run the AOT binary; <see cref="AzureAotPublishFixture"/> publishes the Azure build.
/// </summary>
public partial class AotPublishFixture : IAsyncLifetime
{
    // AOT publish takes 1-3 minutes on the 2-core machine; a restore on a cold package cache adds more.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    private readonly string _root = Path.Combine(
        Path.GetTempPath(),
        "serverless-build-tests",
        Guid.NewGuid().ToString("N"));

    private readonly string[] _properties;

    public AotPublishFixture()
        : this([])
    {
    }

    /// <summary>A publish with extra MSBuild <paramref name="properties"/> (<c>-p:Name=Value</c>).</summary>
    protected AotPublishFixture(string[] properties) => _properties = properties;

    public string PublishDirectory => Path.Combine(_root, "publish");

    public string Executable => Path.Combine(PublishDirectory, "Serverless.Host");

    public ProcessResult Result { get; private set; } = ProcessResult.NotRun("publish did not run");

    /// <summary>Every distinct warning or error line the publish printed (MSBuild, compiler, trimmer, ILC).</summary>
    public IReadOnlyList<string> Diagnostics { get; private set; } = [];

    /// <summary>
    /// What a failed assertion shows: the command's outcome, its diagnostics and the end of its output.
    /// </summary>
    public string Report =>
        $"dotnet publish exited " +
            $"{Result.ExitCode}{(Result.TimedOut ? $" (killed after {PublishTimeout.TotalMinutes:0} min)" : "")} "
        + $"after {Result.Elapsed.TotalSeconds:0} s with {Diagnostics.Count} warning/error line(s):\n  "
        + string.Join("\n  ", Diagnostics)
        + $"\n--- last lines of the output ---\n{Result.Tail()}";

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot.Find();
        var project = Path.Combine(repository, "functions", "Serverless.Host", "Serverless.Host.csproj");
        var start = ChildProcess.StartInfo("dotnet", repository,
        [
            "publish", project, "-c", "Release",
            "--artifacts-path", Path.Combine(_root, "artifacts"),
            "-o", PublishDirectory,
            "-nodeReuse:false", "-p:UseSharedCompilation=false",
            .. _properties,
        ]);
        Result = await ChildProcess.RunAsync(start, PublishTimeout);
        Diagnostics = DiagnosticLine().Matches(Result.Output)
            .Select(m => m.Value.Trim())
            // NU1603 (restore): a dependency's minimum is no longer served (Directory.Build.props).
            .Where(line => !line.Contains("warning NU1603", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is only disk space.
        }

        return Task.CompletedTask;
    }

    // MSBuild's canonical "origin: warning CODE: text" (and error) lines, with or without a code.
    [GeneratedRegex(
        @"^.*:\s*(warning|error)(\s+[A-Za-z]+[0-9]+)?\s*:.*$",
        RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticLine();
}
