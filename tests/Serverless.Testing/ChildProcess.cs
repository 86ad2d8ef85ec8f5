using System.Diagnostics;
using System.Text;

namespace Serverless.Testing;

/// <summary>Runs tools (and the published host) to the end with a deadline and returns what they printed.</summary>
public static class ChildProcess
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    // Set by `dotnet test` for its own MSBuild and test host; a nested `dotnet publish` must choose its own.
    private static readonly string[] InheritedPrefixes = ["MSBUILD", "VSTEST", "TESTINGPLATFORM", "DOTNET_HOST_PATH"];

    // Read by the host itself: mode detection, keys, URLs. The binary under test runs with its defaults.
    private static readonly string[] HostPrefixes = ["ASPNETCORE_", "Serverless__", "FUNCTIONS_", "AWS_LAMBDA_"];

    /// <summary>
    /// A start for <paramref name="fileName"/> whose environment cannot leak the test run's own settings (the
    /// test host's MSBuild and VSTest variables, the host's configuration).
    /// </summary>
    public static ProcessStartInfo StartInfo(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (IsTestRunSetting(name))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>Whether a variable is the test run's own (MSBuild, VSTest) or configures the host under test.</summary>
    public static bool IsTestRunSetting(string name) =>
        InheritedPrefixes.Concat(HostPrefixes).Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Runs a tool as given (inherited environment plus <paramref name="environment"/>, no input) and throws a
    /// <see cref="TimeoutException"/> if it runs longer than two minutes.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        string workingDirectory,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var result = await RunAsync(start, ToolTimeout);
        return result.TimedOut
            ? throw new TimeoutException(
                $"{fileName} {string.Join(' ', start.ArgumentList)} ran longer than {ToolTimeout}.")
            : result;
    }

    /// <summary>Runs to the end, or kills the whole tree after <paramref name="timeout"/> (TimedOut).</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, standardError, e.Data);
        var clock = Stopwatch.StartNew();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{start.FileName} did not start.");
        }

        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(timedOut ? -1 : process.ExitCode, timedOut, output.ToString(),
                standardOutput.ToString(), standardError.ToString(), clock.Elapsed);
        }
    }

    private static void Append(StringBuilder output, StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            stream.AppendLine(line);
        }
    }
}
