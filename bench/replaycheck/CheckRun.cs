using System.Diagnostics;
using Serverless.Bench.Kit;

namespace Serverless.Bench.ReplayCheck;

/// <summary>One timed run of <c>Serverless.Host replay-check</c> as a real process, its peak RSS polled.</summary>
internal sealed record CheckRun(int ExitCode, TimeSpan Wall, long PeakRssKiB, int Replayed, string Summary)
{
    public static CheckRun Start(string executable, string dataDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        foreach (var argument in new[] { "replay-check", "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, ReadPeakRssKiB(process));
            if (clock.Elapsed > timeout)
            {
                ChildProcess.Stop(process);
                throw new TimeoutException($"replay-check ran past {timeout}.");
            }
        }

        var wall = clock.Elapsed;
        var summary = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? error.Result.Trim();
        var replayed = int.TryParse(summary.Split(' ')[0], out var count) ? count : 0;
        return new CheckRun(process.ExitCode, wall, peak, replayed, summary.Trim());
    }

    // A process that has just ended has no status left to read: its last reading stands.
    private static long ReadPeakRssKiB(Process process)
    {
        try
        {
            return ProcStatus.PeakRssKiB(process.Id);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException)
        {
            return 0;
        }
    }
}
