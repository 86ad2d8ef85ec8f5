using Serverless.Durable.History;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An instance's execution as its last episode here left it: the committed history, the orchestrator suspended where it
/// awaits, the instance row as that commit wrote it, with its new ETag (valid only while the stored row still has it),
/// and the delete of that commit's outbox row when it was dispatched but left for the next commit to delete.
/// </summary>
internal sealed record CachedExecution(
    TableEntity Instance,
    List<StoredHistoryEvent> Past,
    OrchestrationExecutor Executor,
    TableOperation? PendingDelete = null)
{
    public string InstanceETag => Instance.ETag!;
}
