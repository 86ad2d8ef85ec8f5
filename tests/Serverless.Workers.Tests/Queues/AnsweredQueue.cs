using Serverless.Storage.Queues;

namespace Serverless.Workers.Tests.Queues;

/// <summary>
/// Wraps a queue as a storage that waits for a message on its side would, the wait ended by the test: a receive
/// offered a wait returns only once <see cref="Answer"/> is called, then with what the queue has; later receives
/// return at once.
/// </summary>
internal sealed class AnsweredQueue(IQueue inner) : ForwardingQueue(inner)
{
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a receive waits.</summary>
    public Task Waiting => _waiting.Task;

    public void Answer() => _answer.TrySetResult();

    public override async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        TimeSpan wait = default,
        CancellationToken cancellationToken = default)
    {
        if (wait > TimeSpan.Zero && !_answer.Task.IsCompleted)
        {
            _waiting.TrySetResult();
            await _answer.Task.WaitAsync(cancellationToken);
        }

        return await Inner.ReceiveAsync(maxMessages, visibilityTimeout, wait, cancellationToken);
    }
}
