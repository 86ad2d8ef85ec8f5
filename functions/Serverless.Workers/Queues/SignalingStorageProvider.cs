using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Workers.Queues;

/// <summary>
/// Decorates a provider so every message it sends (or returns to its queue) signals in-process pollers through
/// <see cref="QueueSignals"/>, when it is due. Passes <see cref="ITransactionalStorage"/> through when the inner
/// provider has it.
/// </summary>
public sealed class SignalingStorageProvider(IStorageProvider inner, QueueSignals signals)
    : IStorageProvider, ITransactionalDecorator
{
    /// <summary>
    /// Whether the inner provider applies batches and sends atomically (else <see cref="ExecuteBatchAndSendAsync"/>
    /// throws).
    /// </summary>
    public bool IsTransactional => inner.AsTransactional() is not null;

    /// <inheritdoc />
    public ITable GetTable(string name) => inner.GetTable(name);

    /// <inheritdoc />
    public IQueue GetQueue(string name) => new SignalingQueue(inner.GetQueue(name), signals);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The inner provider is not transactional (see
    /// <see cref="IsTransactional"/>).</exception>
    public async Task<IReadOnlyList<string?>> ExecuteBatchAndSendAsync(
        string table,
        IReadOnlyList<TableOperation> operations,
        IReadOnlyList<QueueSend> messages,
        IReadOnlyList<QueueCompletion>? completions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var transactional = inner.AsTransactional()
            ?? throw new NotSupportedException("The decorated storage provider cannot write tables and queues " +
                "atomically.");
        var etags = await transactional.ExecuteBatchAndSendAsync(
            table,
            operations,
            messages,
            completions,
            cancellationToken)
            .ConfigureAwait(false);
        foreach (var message in messages)
        {
            // A message sent as received locally is already on its way to a handler: no poller is to look for it.
            if (message.Received is null)
            {
                signals.NotifyWhenDue(message.Queue, message.Delay);
            }
        }

        return etags;
    }

    private sealed class SignalingQueue(IQueue queue, QueueSignals signals) : ForwardingQueue(queue)
    {
        public override async Task<string> SendAsync(
            string body,
            TimeSpan? delay = null,
            CancellationToken cancellationToken = default)
        {
            var id = await Inner.SendAsync(body, delay, cancellationToken).ConfigureAwait(false);
            signals.NotifyWhenDue(Name, delay);
            return id;
        }

        public override async Task<bool> AbandonAsync(
            QueueMessage message,
            TimeSpan delay,
            CancellationToken cancellationToken = default)
        {
            var returned = await Inner.AbandonAsync(message, delay, cancellationToken).ConfigureAwait(false);
            if (returned)
            {
                signals.NotifyWhenDue(Name, delay);
            }

            return returned;
        }
    }
}
