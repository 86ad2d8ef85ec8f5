using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Workers.Leases;

/// <summary>
/// Decorates a provider so its queues hand out messages only while the worker holds its lease
/// (<see cref="WorkerLeaseKeeper.IsHeld"/>); otherwise a receive finds nothing, and the pollers simply poll again.
/// Everything else passes through, <see cref="ITransactionalStorage"/> included when the inner provider has it.
/// </summary>
public sealed class LeaseGatedStorageProvider(IStorageProvider inner, WorkerLeaseKeeper lease)
    : IStorageProvider, ITransactionalDecorator
{
    /// <summary>
    /// Whether the inner provider applies batches and sends atomically (else <see cref="ExecuteBatchAndSendAsync"/>
    /// throws).
    /// </summary>
    public bool IsTransactional => inner.AsTransactional() is not null;

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The inner provider is not transactional (see
    /// <see cref="IsTransactional"/>).</exception>
    public Task<IReadOnlyList<string?>> ExecuteBatchAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        IReadOnlyList<QueueCompletion>? completions = null,
        CancellationToken cancellationToken = default) =>
        (inner.AsTransactional()
            ?? throw new NotSupportedException("The decorated storage provider cannot write tables and queues " +
                "atomically."))
            .ExecuteBatchAndSendAsync(table, operations, messages, completions, cancellationToken);

    /// <inheritdoc />
    public ITable GetTable(string name) => inner.GetTable(name);

    /// <inheritdoc />
    public IQueue GetQueue(string name) => new GatedQueue(inner.GetQueue(name), lease);

    private sealed class GatedQueue(IQueue queue, WorkerLeaseKeeper lease) : ForwardingQueue(queue)
    {
        public override Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
            int maxMessages,
            TimeSpan visibilityTimeout,
            CancellationToken cancellationToken = default) =>
            lease.IsHeld
                ? Inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken)
                : Task.FromResult<IReadOnlyList<QueueMessage>>([]);
    }
}
