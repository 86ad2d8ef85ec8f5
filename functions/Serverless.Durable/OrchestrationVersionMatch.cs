namespace Serverless.Durable;

/// <summary>
/// Which instances a worker runs, by the version each was started with against the worker's own (Durable Functions'
/// <c>versionMatchStrategy</c>; the Durable Task SDK's worker has the same three).
/// </summary>
public enum OrchestrationVersionMatch
{
    /// <summary>Every instance, whatever its version.</summary>
    None,

    /// <summary>Only instances of exactly the worker's version.</summary>
    Strict,

    /// <summary>Instances of the worker's version or older (unversioned ones are older than any version).</summary>
    CurrentOrOlder,
}
