using System.Diagnostics;

namespace Serverless.Bench.Kit;

/// <summary>
/// How every host process of the benchmarks starts: output captured, and the same runtime knobs for all (none inherited
/// from the shell: no <c>DOTNET_*</c>, <c>ASPNETCORE_*</c>, <c>Serverless__*</c>, storage or AWS settings; only
/// <c>environment</c>).
/// </summary>
public static class HostStartInfo
{
    public static ProcessStartInfo Create(
        string executable,
        string workingDirectory,
        IEnumerable<KeyValuePair<string, string>> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };

        foreach (var name in start.Environment.Keys.ToList())
        {
            if ((name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) && name != "DOTNET_ROOT")
                || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Serverless__", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
