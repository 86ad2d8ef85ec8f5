using Serverless.Storage.Queues;

namespace Serverless.Hosting.Queues;

/// <summary>A received message whose handler runs; settled (completed or abandoned) exactly once, by the handler or by shutdown.</summary>
internal sealed class InFlightMessage(QueueMessage message)
{
    private int _settled;

    public QueueMessage Message { get; } = message;

    public Task Execution { get; set; } = Task.CompletedTask;

    /// <summary>Claims the right to complete or abandon the message; only the first caller gets it.</summary>
    public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
}
