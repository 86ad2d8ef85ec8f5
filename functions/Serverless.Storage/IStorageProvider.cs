using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Storage;

/// <summary>
/// A storage account: named tables and named queues. Shaped like Azure Storage, which DynamoDB/SQS and
/// SQLite can also provide. Handles are cheap and may be cached by the caller.
/// </summary>
public interface IStorageProvider
{
    /// <summary>
    /// Returns a handle to the table <paramref name="name"/> (created on first use by
    /// <see cref="ITable.CreateIfNotExistsAsync"/>).
    /// </summary>
    ITable GetTable(string name);

    /// <summary>
    /// Returns a handle to the queue <paramref name="name"/> (created on first use by
    /// <see cref="IQueue.CreateIfNotExistsAsync"/>).
    /// </summary>
    IQueue GetQueue(string name);
}
