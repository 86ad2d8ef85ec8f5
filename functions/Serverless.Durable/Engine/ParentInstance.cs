namespace Serverless.Durable.Engine;

/// <summary>The orchestration that started a sub-orchestration, and the task that awaits it.</summary>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution that awaits the child.</param>
/// <param name="TaskId">The parent's task that awaits the child.</param>
/// <param name="Name">The parent's orchestrator name (absent on instances started before it was recorded).</param>
internal sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId, string? Name = null);
