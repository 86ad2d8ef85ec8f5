namespace Serverless.Hosting;

/// <summary>
/// A resource the host cannot start without (its port, its data directory, its storage) does not work. Its message is
/// one line a person can act on: the resource, what is wrong, and what to do. A host prints it without a stack trace
/// and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class UnavailableResourceException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The exit code of a start that failed for a resource.</summary>
    public const int ExitCode = 1;
}
