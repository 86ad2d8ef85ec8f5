using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws;

/// <summary>Settings of an <see cref="AwsStorageProvider"/>.</summary>
public sealed class AwsStorageOptions
{
    /// <summary>SQS's longest wait for a message in one receive.</summary>
    public static readonly TimeSpan LongestReceiveWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether a worker writes the receipts of what it receives to its receipt ledger at once (one table batch per
    /// receive and one delete per message settled), so that another process can release them the moment this one is
    /// found dead. Off by default: a message is then recorded only when its handler holds it past the first renewal
    /// (about 2 s, plus the wait of the receive that took it), and one settled sooner costs no ledger request at all.
    /// Unrecorded, a dead worker's message comes back by itself within the 6 s a receive hides it, plus that wait.
    /// </summary>
    public bool RecordReceiptsOnReceive { get; set; }

    /// <summary>
    /// The longest a receive waits on SQS for a message while the queue is empty (long polling; default 20 s, SQS's
    /// longest; zero for short polls only). A receive waits only when its caller would wait anyway (a poller's idle
    /// wait, rounded up to whole seconds) and returns as soon as a message is there, so an empty queue costs one
    /// request per wait instead of one per poll. SQS starts hiding a message when it hands it out, which may be up to
    /// the wait after the request was sent: a waiting receive hides what it takes for that much longer, so that the
    /// visibility asked for still holds counted from the request. The host reads it from
    /// <c>Serverless:Aws:MaxReceiveWait</c>.
    /// </summary>
    public TimeSpan MaxReceiveWait { get; set; } = LongestReceiveWait;

    /// <summary>Settings every queue of the provider shares.</summary>
    public QueueOptions Queues { get; set; } = new();
}
