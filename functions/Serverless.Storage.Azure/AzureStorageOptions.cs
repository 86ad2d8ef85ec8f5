using Serverless.Storage.Queues;

namespace Serverless.Storage.Azure;

/// <summary>Settings of an <see cref="AzureStorageProvider"/>.</summary>
public sealed class AzureStorageOptions
{
    /// <summary>
    /// Put in front of every table and queue name, so several apps (or test runs) share one storage account without
    /// seeing each other's data: table <c>Orders</c> becomes <c>{prefix}Orders</c>, queue <c>order-events</c> becomes
    /// <c>{prefix}-order-events</c>. Lowercase letters and digits, starting with a letter, at most 20; empty for none.
    /// </summary>
    public string NamePrefix { get; set; } = "";

    /// <summary>
    /// Whether a worker writes the pop receipts of what it receives to its receipt ledger at once (one table batch per
    /// receive and one delete per message settled), so that another process can release them the moment this one is
    /// found dead. Off by default: a message is then recorded only when its handler holds it past the first renewal
    /// (about 2 s), and one settled sooner costs no ledger request at all. Unrecorded, a dead worker's message comes
    /// back by itself within the 6 s a receive hides it, which is sooner than a lease expiry
    /// across machines would release it.
    /// </summary>
    public bool RecordReceiptsOnReceive { get; set; }

    /// <summary>Settings every queue of the provider shares.</summary>
    public QueueOptions Queues { get; set; } = new();
}
