using Serverless.Storage.Queues;

namespace Serverless.Storage.Aws;

/// <summary>Settings of an <see cref="AwsStorageProvider"/>.</summary>
public sealed class AwsStorageOptions
{
    /// <summary>
    /// Whether a worker writes the receipts of what it receives to its receipt ledger at once (one table batch per
    /// receive and one delete per message settled), so that another process can release them the moment this one is
    /// found dead. Off by default: a message is then recorded only when its handler holds it past the first renewal
    /// (about 2 s), and one settled sooner costs no ledger request at all. Unrecorded, a dead worker's message comes
    /// back by itself within the 6 s a receive hides it.
    /// </summary>
    public bool RecordReceiptsOnReceive { get; set; }

    /// <summary>Settings every queue of the provider shares.</summary>
    public QueueOptions Queues { get; set; } = new();
}
