namespace Serverless.Durable;

/// <summary>What an activity sees of its invocation. Activities run at least once: make them idempotent on <see cref="IdempotencyKey"/>.</summary>
/// <param name="Name">The activity's name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The task's sequence number within the orchestration's execution.</param>
/// <param name="ExecutionId">The orchestration execution (changes with continue-as-new).</param>
/// <param name="Services">The services of the process running the activity.</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, string ExecutionId, IServiceProvider Services)
{
    /// <summary>
    /// A key that is the same on every delivery of this work item and different for every other invocation (each retry
    /// attempt is a new task): <c>{instanceId}:{executionId}:{taskId}</c>. Record side effects under it to apply them once.
    /// </summary>
    public string IdempotencyKey => $"{InstanceId}:{ExecutionId}:{TaskId}";
}
