namespace Serverless.Testing;

/// <summary>
/// How a finished (or killed) process ended: its exit code, whether the deadline killed it, everything it printed
/// (<see cref="Output"/>, both streams interleaved) and each stream apart.
/// </summary>
public sealed record ProcessResult(
    int ExitCode, bool TimedOut, string Output, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>A result for a process that never ran, saying why.</summary>
    public static ProcessResult NotRun(string why) => new(-1, false, why, "", why, TimeSpan.Zero);

    /// <summary>The last <paramref name="lines"/> lines of the output, for a failure message.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>What a failed assertion shows.</summary>
    public override string ToString() =>
        $"exit code {ExitCode}{(TimedOut ? " (killed at its deadline)" : "")}\n"
        + $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
