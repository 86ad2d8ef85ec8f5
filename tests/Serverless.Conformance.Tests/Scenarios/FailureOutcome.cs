using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>The comparable part of <see cref="TaskFailureDetails"/> (stack traces differ by nature).</summary>
/// <param name="ErrorType">The failure's type name, as the runtime records it.</param>
/// <param name="Message">The failure message.</param>
/// <param name="Inner">The inner failure, if any.</param>
public sealed record FailureOutcome(string ErrorType, string Message, FailureOutcome? Inner)
{
    /// <summary>Copies the comparable fields of <paramref name="details"/>.</summary>
    public static FailureOutcome? From(TaskFailureDetails? details)
        => details is null ? null : new(details.ErrorType, details.ErrorMessage, From(details.InnerFailure));

    /// <summary>Copies the comparable fields of DurableTask.Core's <paramref name="details"/>.</summary>
    public static FailureOutcome? From(DurableTask.Core.FailureDetails? details)
        => details is null ? null : new(details.ErrorType, details.ErrorMessage, From(details.InnerFailure));

    /// <inheritdoc/>
    public override string ToString() =>
        Inner is null ? $"{ErrorType}: {Message}" : $"{ErrorType}: {Message} <- {Inner}";
}
