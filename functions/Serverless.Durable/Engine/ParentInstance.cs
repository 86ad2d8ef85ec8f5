namespace Serverless.Durable.Engine;

/// <summary>The orchestration that started a sub-orchestration, and the task that awaits it.</summary>
internal sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);
