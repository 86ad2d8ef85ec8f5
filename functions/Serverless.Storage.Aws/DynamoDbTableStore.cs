using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Aws.Tables;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Aws;

/// <summary>
/// The ports' tables on DynamoDB: every logical table of an app lives in ONE physical table (partition key
/// <c>pk</c> = <c>{table}|{partition key}</c>, sort key <c>sk</c> = row key), so the app needs one table and one
/// IAM grant whatever the engine creates. Several processes may share it. Build the client with
/// <see cref="DynamoDbClients"/>, which counts requests.
/// </summary>
/// <remarks>
/// The ETag is a number attribute stamped with a fresh random value on every write (a counter cannot be raised by a
/// blind upsert, and would start again after a delete, so an ETag from before a delete would match the new row);
/// writes are conditional on it. Timestamps come from <see cref="TimeProvider"/>: DynamoDB keeps none. Limits are
/// DynamoDB's, checked before a request is sent and refused with an <see cref="ArgumentException"/>: an item holds at
/// most 400 KB, a partition key 2048 bytes (with its table's name), a row key 1024 bytes and at least one character,
/// a batch 100 items and 4 MB.
/// </remarks>
public sealed class DynamoDbTableStore
{
    private readonly ConcurrentDictionary<string, DynamoDbTable> _tables = new(StringComparer.Ordinal);
    private readonly PhysicalTable _physical;
    private readonly TimeProvider _time;

    /// <summary>
    /// A store on the physical table <paramref name="tableName"/> that <paramref name="client"/> reaches.
    /// </summary>
    public DynamoDbTableStore(IAmazonDynamoDB client, string tableName, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        new DynamoDbConnection { TableName = tableName }.Validate();
        _physical = new PhysicalTable(client, tableName);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The physical table's name.</summary>
    public string TableName => _physical.Name;

    /// <summary>
    /// Returns a handle to the logical table <paramref name="name"/>; its
    /// <see cref="ITable.CreateIfNotExistsAsync"/> creates the physical table if it does not exist yet.
    /// </summary>
    public ITable GetTable(string name) =>
        _tables.GetOrAdd(
            StorageNames.ValidateTable(name),
            static (n, store) => new DynamoDbTable(n, store._physical, store._time),
            this);
}
