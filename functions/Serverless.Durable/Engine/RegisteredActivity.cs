namespace Serverless.Durable.Engine;

/// <summary>A registered activity with its input and output as JSON.</summary>
internal sealed record RegisteredActivity(string Name, string? Queue, Func<TaskActivityContext, string?, CancellationToken, Task<string>> Run);
