using Serverless.Storage.Queues;
using Serverless.Storage.Tables;
using Serverless.Storage.Workers;

namespace Serverless.Storage.InMemory;

/// <summary>
/// The same in-memory store seen by another worker: everything is shared; only receives record a different holder.
/// </summary>
internal sealed class InMemoryWorkerView(InMemoryStorageProvider store, string workerId)
    : IStorageProvider, IQueueAdministration, IHeldMessages
{
    public ITable GetTable(string name) => store.GetTable(name);

    public IQueue GetQueue(string name) => new WorkerQueue((InMemoryQueue)store.GetQueue(name), workerId);

    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(
        string queueName,
        int maxMessages,
        CancellationToken cancellationToken = default) =>
        store.PeekAsync(queueName, maxMessages, cancellationToken);

    public Task<QueueDepth> GetDepthAsync(string queueName, CancellationToken cancellationToken = default) =>
        store.GetDepthAsync(queueName, cancellationToken);

    public Task<bool> MoveAsync(
        string queueName,
        string messageId,
        string targetQueueName,
        CancellationToken cancellationToken = default) =>
        store.MoveAsync(queueName, messageId, targetQueueName, cancellationToken);

    public Task<bool> DeleteAsync(string queueName, string messageId, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(queueName, messageId, cancellationToken);

    public Task<IReadOnlySet<string>> ListHoldersAsync(CancellationToken cancellationToken = default) =>
        store.ListHoldersAsync(cancellationToken);

    public Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default) =>
        store.CountHeldAsync(workerId, cancellationToken);

    public Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken = default) =>
        store.ReleaseAsync(workerId, cancellationToken);

    private sealed class WorkerQueue(InMemoryQueue queue, string workerId) : ForwardingQueue(queue)
    {
        public override Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
            int maxMessages,
            TimeSpan visibilityTimeout,
            CancellationToken cancellationToken = default) =>
            queue.ReceiveAs(workerId, maxMessages, visibilityTimeout);
    }
}
