namespace Serverless.Durable.Engine;

/// <summary>A registered orchestrator with its input and output as JSON.</summary>
internal sealed record RegisteredOrchestrator(string Name, Func<TaskOrchestrationContext, string?, Task<string>> Run);
