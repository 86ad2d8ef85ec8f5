using Microsoft.DurableTask;

namespace Serverless.Durable.Engine;

/// <summary>
/// A failure as the engine stores it in history and on the instance row (the JSON shape every release has written),
/// converted to and from the SDK's <see cref="TaskFailureDetails"/> at the edges.
/// </summary>
/// <param name="ErrorType">The full name of the exception type that was thrown.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">The exception's stack trace, if any.</param>
/// <param name="InnerFailure">The inner exception's details, if any.</param>
internal sealed record StoredFailure(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    StoredFailure? InnerFailure = null)
{
    /// <summary>
    /// The failures no retry can mend (nothing registered under the name), which end retries at once, as in the Durable
    /// Task Framework.
    /// </summary>
    public const string ActivityNotFound = nameof(ActivityNotFound);

    /// <inheritdoc cref="ActivityNotFound"/>
    public const string OrchestratorNotFound = nameof(OrchestratorNotFound);

    public static bool IsNonRetriable(TaskFailureDetails details) =>
        details.ErrorType is ActivityNotFound or OrchestratorNotFound;

    /// <summary>
    /// Captures <paramref name="exception"/>: a failed task keeps the task's failure as its inner failure, as the SDK
    /// does.
    /// </summary>
    public static StoredFailure FromException(Exception exception) =>
        new(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception switch
            {
                TaskFailedException failed => From(failed.FailureDetails),
                { InnerException: { } inner } => FromException(inner),
                _ => null,
            });

    public static StoredFailure From(TaskFailureDetails details) =>
        new(
            details.ErrorType,
            details.ErrorMessage,
            details.StackTrace,
            details.InnerFailure is { } inner ? From(inner) : null);

    public TaskFailureDetails ToTaskFailureDetails() =>
        new(ErrorType, ErrorMessage, StackTrace, InnerFailure?.ToTaskFailureDetails(), null);

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
