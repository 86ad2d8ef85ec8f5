using Serverless.Storage.Queues;
using Serverless.Storage.Workers;

namespace Serverless.Storage.InMemory;

public sealed partial class InMemoryStorageProvider : IQueueAdministration, IHeldMessages
{
    /// <inheritdoc />
    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(
        string queueName,
        int maxMessages,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, IQueueAdministration.MaxPeek);
        return Task.FromResult(Queue(queueName).Peek(maxMessages));
    }

    /// <inheritdoc />
    public Task<QueueDepth> GetDepthAsync(string queueName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Queue(queueName).Depth());

    /// <inheritdoc />
    public Task<bool> MoveAsync(
        string queueName,
        string messageId,
        string targetQueueName,
        CancellationToken cancellationToken = default)
    {
        var target = Queue(targetQueueName);
        if (Queue(queueName).Take(messageId) is not { } taken)
        {
            return Task.FromResult(false);
        }

        target.Put(taken.Id, taken.Body);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Queue(queueName).Take(messageId) is not null);

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> ListHoldersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<string>>(
            _queues.Values.SelectMany(q => q.Holders()).ToHashSet(StringComparer.Ordinal));

    /// <inheritdoc />
    public Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_queues.Values.Sum(q => q.CountHeld(workerId)));

    /// <inheritdoc />
    public Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_queues.Values.Sum(q => q.Release(workerId)));

    /// <summary>
    /// This store as another worker sees it (several processes on one store, in tests): the same tables and queues,
    /// with its receives recorded as held by <paramref name="workerId"/>.
    /// </summary>
    public IStorageProvider AsWorker(string workerId) => new InMemoryWorkerView(this, workerId);

    private InMemoryQueue Queue(string name) => (InMemoryQueue)GetQueue(name);
}
