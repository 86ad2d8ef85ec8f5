using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// Publishes the host as one flavour (<c>-p:Flavor=NAME</c>, see functions/Serverless.Host/Publish.props; a name ending
/// in <c>Azure</c> adds <c>-p:Cloud=Azure</c>, e.g. <c>AotAzure</c>) into its own artifacts folder, so it neither races
/// other builds in the work tree nor shares intermediate files between flavours. A flavour that does not publish comes
/// back with its <see cref="Flavor.PublishFailure"/>: its row reports it, and the others are measured.
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

    /// <summary>The suffix of a flavour name that publishes the Azure build (<c>-p:Cloud=Azure</c>).</summary>
    public const string AzureSuffix = "Azure";

    public static Flavor Publish(string repository, string workDirectory, string flavor)
    {
        var azure = flavor.EndsWith(AzureSuffix, StringComparison.Ordinal) && flavor.Length > AzureSuffix.Length;
        string[] properties = azure
            ? [$"-p:Flavor={flavor[..^AzureSuffix.Length]}", "-p:Cloud=Azure"]
            : [$"-p:Flavor={flavor}"];
        try
        {
            return Publish(
                repository,
                workDirectory,
                flavor,
                Path.Combine(repository, "functions", "Serverless.Host", "Serverless.Host.csproj"),
                properties);
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return new Flavor(flavor, Path.Combine(workDirectory, "publish", flavor))
            {
                PublishFailure = exception.Message,
            };
        }
    }

    public static IEnumerable<Flavor> PublishReference(string repository, string workDirectory) =>
        References(Publish(
            repository,
            workDirectory,
            "EmptyHost",
            Path.Combine(repository, "bench", "EmptyHost", "EmptyHost.csproj"),
            ["-p:PublishAot=true"]).Directory);

    private static Flavor Publish(
        string repository,
        string workDirectory,
        string flavor,
        string project,
        string[] properties)
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
        foreach (var arg in (string[])
        [
            "publish", project, "-c", "Release", .. properties,
            "--artifacts-path", Path.Combine(workDirectory, "artifacts", flavor),
            "-o", publishDir, "-nodeReuse:false",
        ])
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
            // NU1603 (restore): a dependency's minimum is no longer served (Directory.Build.props).
            .Where(line => !line.Contains("warning NU1603", StringComparison.Ordinal))
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
            var firstError = warnings.FirstOrDefault(w => w.Contains(" error ", StringComparison.Ordinal));
            throw new InvalidOperationException($"dotnet publish {Path.GetFileName(project)} " +
                $"{string.Join(' ', properties)} failed (exit {process.ExitCode}): {firstError ?? "see the log"}; " +
                $"log: {log}.");
        }

        return new Flavor(flavor, publishDir);
    }

    [GeneratedRegex(@"^.*\b(warning|error) [A-Z]{2,}[0-9]+\b.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
