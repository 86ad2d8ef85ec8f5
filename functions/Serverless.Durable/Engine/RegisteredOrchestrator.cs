using Microsoft.DurableTask;

namespace Serverless.Durable.Engine;

/// <summary>A registered orchestrator: its name and the SDK factory that makes one for each episode.</summary>
internal sealed record RegisteredOrchestrator(string Name, Func<IServiceProvider, ITaskOrchestrator> Create);
