using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// Builds and lints every .bicep file under infra/ once (one <c>bicep build --pattern</c>, one <c>bicep lint
/// --pattern</c>) and builds main.bicepparam; keeps the diagnostics and the compiled main.json for the tests.
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    private const string Pattern = "infra/**/*.bicep";

    private readonly string _outputDirectory =
        Path.Combine(Path.GetTempPath(), "serverless-infra-tests", Guid.NewGuid().ToString("N"));

    public static string InfraDirectory => RepositoryRoot.Combine("infra");

    /// <summary>Every .bicep file under infra/, relative to it (main.bicep, modules/...).</summary>
    public static IReadOnlyList<string> BicepFiles { get; } =
        Directory.GetFiles(RepositoryRoot.Combine("infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Combine("infra"), f))
            .Order(StringComparer.Ordinal)
            .ToList();

    internal ProcessResult Build { get; private set; } = ProcessResult.NotRun("not run");

    internal SarifReport BuildReport { get; private set; } = SarifReport.Parse("");

    internal ProcessResult Lint { get; private set; } = ProcessResult.NotRun("not run");

    internal SarifReport LintReport { get; private set; } = SarifReport.Parse("");

    /// <summary>Where <c>bicep build --pattern</c> wrote the JSON of each file, mirroring infra/'s folders.</summary>
    public string OutputDirectory => _outputDirectory;

    internal ArmTemplate Main { get; private set; } = new([]);

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Path;
        Build = await BicepCli.RunAsync(root,
            [
                "build",
                "--no-restore",
                "--pattern",
                Pattern,
                "--outdir",
                _outputDirectory,
                "--diagnostics-format",
                "sarif"]);
        // build writes its SARIF logs to stderr (stdout may carry the template), lint to stdout.
        BuildReport = SarifReport.Parse(Build.StandardOutput + Build.StandardError);
        Lint = await BicepCli.RunAsync(
            root,
            ["lint", "--no-restore", "--pattern", Pattern, "--diagnostics-format", "sarif"]);
        LintReport = SarifReport.Parse(Lint.StandardOutput + Lint.StandardError);

        var mainJson = Path.Combine(_outputDirectory, "main.json");
        if (File.Exists(mainJson))
        {
            Main = new ArmTemplate(JsonNode.Parse(await File.ReadAllTextAsync(mainJson))!.AsObject());
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is only disk space.
        }

        return Task.CompletedTask;
    }
}
