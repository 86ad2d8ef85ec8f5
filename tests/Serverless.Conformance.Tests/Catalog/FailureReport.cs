using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>What an orchestrator saw of a caught <see cref="TaskFailedException"/>, returned as its output.</summary>
public sealed record FailureReport(
    string ExceptionType,
    string TaskName,
    string Message,
    string ErrorType,
    string ErrorMessage,
    string? InnerErrorType,
    string? InnerErrorMessage,
    bool IsCausedByInvalidOperation)
{
    /// <summary>Reads the report off <paramref name="exception"/>.</summary>
    public static FailureReport From(TaskFailedException exception) => new(
        exception.GetType().FullName!,
        exception.TaskName,
        exception.Message,
        exception.FailureDetails.ErrorType,
        exception.FailureDetails.ErrorMessage,
        exception.FailureDetails.InnerFailure?.ErrorType,
        exception.FailureDetails.InnerFailure?.ErrorMessage,
        exception.FailureDetails.IsCausedBy<InvalidOperationException>());
}
