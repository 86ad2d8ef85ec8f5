using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Serverless.Bench.FunctionApp;

/// <summary>
/// Publishes functions/Serverless.Functions as one <see cref="Variant"/> into its own artifacts folder, so it neither
/// races other builds in the work tree nor shares intermediate files with another variant.
/// </summary>
internal static partial class WorkerPublisher
{
    public const string Project = "functions/Serverless.Functions/Serverless.Functions.csproj";

    /// <summary>Publishes and returns the publish folder.</summary>
    public static string Publish(string repository, string workDirectory, Variant variant)
    {
        var publishDir = Path.Combine(workDirectory, "publish", variant.Name);
        if (Directory.Exists(publishDir))
        {
            Directory.Delete(publishDir, recursive: true);
        }

        var log = Path.Combine(workDirectory, $"publish-{variant.Name}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        string[] arguments =
        [
            "publish", Path.Combine(repository, Project), "-c", "Release", "-r", "linux-x64", .. variant.Properties,
            "--artifacts-path", Path.Combine(workDirectory, "artifacts", variant.Name),
            "-o", publishDir, "-nodeReuse:false",
        ];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        Console.Error.Write($"publishing {variant.Name} ({string.Join(' ', variant.Properties)}) ... ");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        File.WriteAllText(log, output);

        // NU1603 (a minimum dependency version NuGet no longer serves) is expected: Directory.Build.props says why.
        var warnings = WarningLine()
            .Matches(output)
            .Select(m => m.Value.Trim())
            .Where(w => !w.Contains("warning NU1603", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds:0} s, exit {process.ExitCode}, {warnings.Count} " +
            $"warning(s) besides NU1603; log: {log}");
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine("  " + warning);
        }

        return process.ExitCode == 0
            ? publishDir
            : throw new InvalidOperationException($"dotnet publish {variant.Name} failed (exit {process.ExitCode}); " +
                $"see {log}.");
    }

    [GeneratedRegex(@"^.*\b(warning|error) [A-Z]{2,}[0-9]+\b.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
