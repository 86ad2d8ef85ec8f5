using System.Diagnostics;

namespace Serverless.Bench.ColdStart;

/// <summary>How every host process of the bench starts: output captured, and the same runtime knobs for all.</summary>
internal static class HostStartInfo
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

        // Every flavour sees the same runtime knobs: none inherited from the shell, only those given with --env.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if ((name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) && name != "DOTNET_ROOT")
                || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
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
