using Serverless.Storage;
using Serverless.Storage.Aws;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Testing.DynamoDb;

/// <summary>
/// A provider whose tables are a <see cref="DynamoDbTableStore"/>'s and whose queues are in memory: the AWS backend
/// has no queue port yet (SQS comes next), and the table suite needs a provider only to get its tables from.
/// </summary>
public sealed class DynamoDbTablesProvider(DynamoDbTableStore tables, TimeProvider? time = null) : IStorageProvider
{
    private readonly InMemoryStorageProvider _queues = new(time);

    /// <summary>The store the tables come from.</summary>
    public DynamoDbTableStore Tables { get; } = tables;

    /// <inheritdoc />
    public ITable GetTable(string name) => Tables.GetTable(name);

    /// <inheritdoc />
    public IQueue GetQueue(string name) => _queues.GetQueue(name);
}
