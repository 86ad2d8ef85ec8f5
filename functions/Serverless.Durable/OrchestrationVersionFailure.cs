namespace Serverless.Durable;

/// <summary>
/// What a worker does with work of an instance whose version it does not run (Durable Functions'
/// <c>versionFailureStrategy</c>).
/// </summary>
public enum OrchestrationVersionFailure
{
    /// <summary>Leaves it for another worker: the work goes back to its queue; the instance is not changed.</summary>
    Reject,

    /// <summary>Fails the instance with a <c>VersionMismatch</c> failure.</summary>
    Fail,
}
