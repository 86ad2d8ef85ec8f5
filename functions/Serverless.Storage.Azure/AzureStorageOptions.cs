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

    /// <summary>Settings every queue of the provider shares.</summary>
    public QueueOptions Queues { get; set; } = new();
}
