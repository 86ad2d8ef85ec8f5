namespace Serverless.Storage.Queues;

/// <summary>
/// A queue that passes every call to another: the base of a decorator, which overrides only the calls it changes
/// (a lease that gates receives, a signal after each send, ...).
/// </summary>
/// <param name="inner">The queue the calls go to.</param>
public abstract class ForwardingQueue(IQueue inner) : IQueue
{
    /// <summary>The queue the calls go to.</summary>
    protected IQueue Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public string Name => Inner.Name;

    /// <inheritdoc />
    public virtual ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Inner.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<string> SendAsync(
        string body,
        TimeSpan? delay = null,
        CancellationToken cancellationToken = default) =>
        Inner.SendAsync(body, delay, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default) =>
        Inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

    /// <inheritdoc />
    public virtual Task<bool> CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default) =>
        Inner.CompleteAsync(message, cancellationToken);

    /// <inheritdoc />
    public virtual Task<bool> AbandonAsync(
        QueueMessage message,
        TimeSpan delay,
        CancellationToken cancellationToken = default) =>
        Inner.AbandonAsync(message, delay, cancellationToken);

    /// <inheritdoc />
    public virtual Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        Inner.CountAsync(cancellationToken);
}
