using Microsoft.DurableTask;

namespace Serverless.Durable.Engine;

/// <summary>
/// A registered activity: its name, the queue its work items travel on, and the SDK factory that makes one per run.
/// </summary>
internal sealed record RegisteredActivity(string Name, string Queue, Func<IServiceProvider, ITaskActivity> Create);
