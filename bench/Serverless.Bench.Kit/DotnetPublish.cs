using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Serverless.Bench.Kit;

/// <summary>
/// Runs <c>dotnet publish PROJECT -c Release ARGS</c> into WORK/publish/NAME (emptied first) with its own
/// <c>--artifacts-path</c> WORK/artifacts/NAME, so it neither races other builds in the work tree nor shares
/// intermediate files with another publish; the output goes to WORK/publish-NAME.log, its warning and error lines
/// (besides NU1603) to stderr.
/// </summary>
public static partial class DotnetPublish
{
    /// <summary>Publishes and returns the publish folder; a failure throws with the first error line.</summary>
    /// <param name="label">What the progress line names (default: <paramref name="name"/>).</param>
    public static string Run(
        string repository,
        string workDirectory,
        string name,
        string project,
        IReadOnlyList<string> arguments,
        string? label = null)
    {
        var publishDir = Path.Combine(workDirectory, "publish", name);
        if (Directory.Exists(publishDir))
        {
            Directory.Delete(publishDir, recursive: true);
        }

        var log = Path.Combine(workDirectory, $"publish-{name}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        foreach (var arg in (string[])
        [
            "publish", project, "-c", "Release", .. arguments,
            "--artifacts-path", Path.Combine(workDirectory, "artifacts", name),
            "-o", publishDir, "-nodeReuse:false",
        ])
        {
            start.ArgumentList.Add(arg);
        }

        Console.Error.Write($"publishing {label ?? name} ... ");
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
            $"warning(s) besides NU1603; log: {log}");
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine("  " + warning);
        }

        if (process.ExitCode != 0)
        {
            var firstError = warnings.FirstOrDefault(w => w.Contains(" error ", StringComparison.Ordinal));
            throw new InvalidOperationException($"dotnet publish {Path.GetFileName(project)} " +
                $"{string.Join(' ', arguments)} failed (exit {process.ExitCode}): {firstError ?? "see the log"}; " +
                $"log: {log}.");
        }

        return publishDir;
    }

    [GeneratedRegex(@"^.*\b(warning|error) [A-Z]{2,}[0-9]+\b.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
