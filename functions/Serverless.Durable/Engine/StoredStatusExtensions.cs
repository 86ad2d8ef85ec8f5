using Microsoft.DurableTask.Client;

namespace Serverless.Durable.Engine;

/// <summary>Helpers on <see cref="StoredStatus"/>.</summary>
internal static class StoredStatusExtensions
{
    /// <summary>Whether the instance has finished and will not change again (except by purge or a restart).</summary>
    public static bool IsTerminal(this StoredStatus status) =>
        status is StoredStatus.Completed or StoredStatus.Failed or StoredStatus.Terminated;

    public static OrchestrationRuntimeStatus ToRuntimeStatus(this StoredStatus status) => status switch
    {
        StoredStatus.Pending => OrchestrationRuntimeStatus.Pending,
        StoredStatus.Running => OrchestrationRuntimeStatus.Running,
        StoredStatus.Completed => OrchestrationRuntimeStatus.Completed,
        StoredStatus.Failed => OrchestrationRuntimeStatus.Failed,
        StoredStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        StoredStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static StoredStatus? FromRuntimeStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => StoredStatus.Pending,
        OrchestrationRuntimeStatus.Running => StoredStatus.Running,
        OrchestrationRuntimeStatus.Completed => StoredStatus.Completed,
        OrchestrationRuntimeStatus.Failed => StoredStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => StoredStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => StoredStatus.Suspended,
        _ => null, // Never stored: the engine continues in place and has no cancel.
    };
}
