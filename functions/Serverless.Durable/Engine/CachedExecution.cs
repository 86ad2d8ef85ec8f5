using Serverless.Durable.History;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// An instance's execution as its last episode here left it: the committed history, the orchestrator suspended where it
/// awaits, the instance row's ETag after that commit (valid only while the stored row still has it), and the delete of
/// that commit's outbox row when it was dispatched but left for the next commit to delete.
/// </summary>
internal sealed record CachedExecution(
    string InstanceETag,
    List<StoredHistoryEvent> Past,
    OrchestrationExecutor Executor,
    TableOperation? PendingDelete = null);
