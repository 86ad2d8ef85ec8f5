namespace Serverless.Durable.Engine;

/// <summary>The body of a message on an activity queue: one activity invocation.</summary>
internal sealed record ActivityWorkItem(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input);
