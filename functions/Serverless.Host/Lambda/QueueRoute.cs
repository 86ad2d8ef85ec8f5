using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Host.Lambda;

/// <summary>What runs the messages of one queue in Lambda mode, and how long a failed one waits to come back.</summary>
/// <param name="Name">The handler's name in the logs (a function's, or the queue's).</param>
/// <param name="Handler">
/// Runs one delivery; returns whether it completed the message in its own write, and throws when it failed.
/// </param>
/// <param name="Options">The retry back-off the local pollers use for the same queue.</param>
internal sealed record QueueRoute(
    string Name,
    Func<QueueCompletion, CancellationToken, Task<bool>> Handler,
    QueuePumpOptions Options);
