namespace Serverless.Build.Tests;

/// <summary>How a finished (or killed) process ended, with everything it printed.</summary>
internal sealed record ProcessResult(int ExitCode, bool TimedOut, string Output, TimeSpan Elapsed)
{
    /// <summary>The last <paramref name="lines"/> lines of the output, for a failure message.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
