using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// Publishes the host as one flavour (<c>-p:Flavor=NAME</c>, see functions/Serverless.Host/Publish.props) into its own
/// artifacts folder, so it neither races other builds in the work tree nor shares intermediate files between flavours.
/// </summary>
internal static partial class Publisher
{
    /// <summary>
    /// The reference rows: bench/EmptyHost, an empty Kestrel app, Native AOT, with <c>CreateSlimBuilder</c>...
    /// </summary>
    public const string ReferenceName = "EmptySlimAot";

    /// <summary>
    /// ... and with the leanest builder, the one the host starts from (<c>EMPTYHOST_BUILDER=empty</c>).
    /// </summary>
    public const string LeanReferenceName = "EmptyLeanAot";

    public const string ReferenceExecutable = "EmptyHost";

    /// <summary>Both reference rows from one published folder.</summary>
    public static IEnumerable<Flavor> References(string directory) =>
    [
        new(ReferenceName, directory, ReferenceExecutable) { HealthOnly = true },
        new(LeanReferenceName, directory, ReferenceExecutable)
        {
            HealthOnly = true,
            Environment = new Dictionary<string, string> { ["EMPTYHOST_BUILDER"] = "empty" },
        },
    ];

    public static Flavor Publish(string repository, string workDirectory, string flavor) =>
        Publish(
            repository,
            workDirectory,
            flavor,
            Path.Combine(repository, "functions", "Serverless.Host", "Serverless.Host.csproj"),
            $"-p:Flavor={flavor}");

    public static IEnumerable<Flavor> PublishReference(string repository, string workDirectory) =>
        References(Publish(
            repository,
            workDirectory,
            "EmptyHost",
            Path.Combine(repository, "bench", "EmptyHost", "EmptyHost.csproj"),
            "-p:PublishAot=true").Directory);

    private static Flavor Publish(
        string repository,
        string workDirectory,
        string flavor,
        string project,
        string property)
    {
        var publishDir = Path.Combine(workDirectory, "publish", flavor);
        if (Directory.Exists(publishDir))
        {
            Directory.Delete(publishDir, recursive: true);
        }

        var log = Path.Combine(workDirectory, $"publish-{flavor}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        foreach (var arg in new[]
        {
            "publish", project, "-c", "Release", property,
            "--artifacts-path", Path.Combine(workDirectory, "artifacts", flavor),
            "-o", publishDir, "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Console.Error.Write($"publishing {flavor} ... ");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        File.WriteAllText(log, output);

        var warnings = WarningLine()
            .Matches(output)
            .Select(m => m.Value.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds:0} s, exit {process.ExitCode}, {warnings.Count} " +
            $"warning(s); log: {log}");
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine("  " + warning);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {Path.GetFileName(project)} {property} failed (exit " +
                $"{process.ExitCode}); see {log}.");
        }

        return new Flavor(flavor, publishDir);
    }

    [GeneratedRegex(@"^.*\b(warning|error) [A-Z]{2,}[0-9]+\b.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
