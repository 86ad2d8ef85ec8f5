using Microsoft.DurableTask;

namespace Serverless.Host.Management;

/// <summary>A failed instance's output: what went wrong, with the failure that caused it.</summary>
internal sealed record FailureResponse(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace,
    FailureResponse? InnerFailure)
{
    public static FailureResponse From(TaskFailureDetails failure) =>
        new(
            failure.ErrorType,
            failure.ErrorMessage,
            failure.StackTrace,
            failure.InnerFailure is { } inner ? From(inner) : null);
}
