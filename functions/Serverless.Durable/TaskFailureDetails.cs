namespace Serverless.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestration, as recorded in history.</summary>
/// <param name="ErrorType">The full name of the exception type that was thrown.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">The exception's stack trace, if any.</param>
/// <param name="InnerFailure">The inner exception's details, if any.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Whether the failure was caused by an exception of type <typeparamref name="TException"/> (compared by full name).</summary>
    public bool IsCausedBy<TException>() where TException : Exception =>
        string.Equals(ErrorType, typeof(TException).FullName, StringComparison.Ordinal);

    /// <summary>Captures the details of <paramref name="exception"/>.</summary>
    public static TaskFailureDetails FromException(Exception exception) =>
        new(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception switch
            {
                TaskFailedException failed => failed.FailureDetails,
                { InnerException: { } inner } => FromException(inner),
                _ => null,
            });

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
