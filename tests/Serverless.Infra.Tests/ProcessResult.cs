namespace Serverless.Infra.Tests;

/// <summary>What a finished child process left: its exit code and both output streams, kept apart.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>What a failed assertion shows.</summary>
    public override string ToString() =>
        $"exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
