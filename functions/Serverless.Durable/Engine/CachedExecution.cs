using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>
/// An instance's execution as its last episode here left it: the committed history, the orchestrator suspended where it
/// awaits, and the instance row's ETag after that commit (valid only while the stored row still has it).
/// </summary>
internal sealed record CachedExecution(
    string InstanceETag,
    List<StoredHistoryEvent> Past,
    OrchestrationExecutor Executor);
