using Microsoft.DurableTask.Abstractions;

namespace Serverless.Durable.Engine;

/// <summary>
/// Whether this worker runs an instance, by the instance's version against the worker's own
/// (<see cref="DurableTaskOptions.DefaultVersion"/>) under <see cref="DurableTaskOptions.VersionMatchStrategy"/>;
/// versions compare as the Durable Task SDK compares them (as <see cref="System.Version"/> where both parse, an
/// unversioned instance older than any version). A worker without a version runs everything.
/// </summary>
internal sealed class VersionGate(DurableTaskOptions options)
{
    /// <summary>How long rejected work waits before it is offered again, to this worker or another.</summary>
    public static readonly TimeSpan RejectedRetryDelay = TimeSpan.FromSeconds(5);

    public bool Rejects => options.VersionFailureStrategy == OrchestrationVersionFailure.Reject;

    /// <summary>The failure this worker would record for <paramref name="instance"/>, or null if it runs it.</summary>
    public StoredFailure? Check(InstanceRow instance) => Check(instance.Version);

    /// <summary>The failure this worker would record for work of <paramref name="version"/>, or null.</summary>
    public StoredFailure? Check(string? version)
    {
        if (string.IsNullOrWhiteSpace(options.DefaultVersion))
        {
            // Versioning is off, as on Durable Functions without a defaultVersion: every instance runs.
            return null;
        }

        version ??= string.Empty;
        var comparison = TaskOrchestrationVersioningUtils.CompareVersions(version, options.DefaultVersion);
        var message = options.VersionMatchStrategy switch
        {
            OrchestrationVersionMatch.Strict when comparison != 0 =>
                $"The orchestration version '{version}' does not match the worker version '{options.DefaultVersion}'.",
            OrchestrationVersionMatch.CurrentOrOlder when comparison > 0 =>
                $"The orchestration version '{version}' is greater than the worker version '{options.DefaultVersion}'.",
            _ => null,
        };
        return message is null ? null : new StoredFailure(MismatchErrorType, message);
    }

    /// <summary>The error type the Durable Task SDK's worker fails an instance of another version with.</summary>
    public const string MismatchErrorType = "VersionMismatch";
}
