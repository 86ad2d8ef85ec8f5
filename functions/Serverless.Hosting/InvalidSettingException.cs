namespace Serverless.Hosting;

/// <summary>
/// A setting the host cannot start with. Its message is one line a person can act on: the setting, what is wrong with
/// it, and what it must be. A host prints it without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class InvalidSettingException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The exit code of a start refused for a setting: 78, <c>EX_CONFIG</c> of sysexits.h.</summary>
    public const int ExitCode = 78;
}
