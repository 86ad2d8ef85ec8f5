namespace Serverless.Storage.Diagnostics;

/// <summary>
/// The operation kinds a <see cref="StorageRequestCounter"/> counts by: a small fixed set, the same names on every
/// backend, so a request count reads alike whichever storage ran it.
/// </summary>
public static class StorageOperationKinds
{
    /// <summary>An atomic batch of entity operations within one partition.</summary>
    public const string TableBatch = "table.batch";

    /// <summary>A query: a partition's rows, a row-key range or a filter across partitions (one page).</summary>
    public const string TableQuery = "table.query";

    /// <summary>A read of one entity by its keys.</summary>
    public const string TableGet = "table.get";

    /// <summary>A single-entity insert, update or delete outside a batch.</summary>
    public const string TableWrite = "table.write";

    /// <summary>Creating a table (if it does not exist).</summary>
    public const string TableCreate = "table.create";

    /// <summary>Sending one message.</summary>
    public const string QueueSend = "queue.send";

    /// <summary>Receiving (and hiding) messages.</summary>
    public const string QueueReceive = "queue.receive";

    /// <summary>Looking at messages without hiding them.</summary>
    public const string QueuePeek = "queue.peek";

    /// <summary>Changing a received message's visibility (abandon, renew).</summary>
    public const string QueueUpdate = "queue.update";

    /// <summary>Deleting (completing) one message.</summary>
    public const string QueueDelete = "queue.delete";

    /// <summary>Reading a queue's properties, such as its approximate message count.</summary>
    public const string QueueMetadata = "queue.metadata";

    /// <summary>Creating a queue (if it does not exist).</summary>
    public const string QueueCreate = "queue.create";

    /// <summary>Anything else: service properties, listings, deleting tables or queues.</summary>
    public const string Other = "other";
}
