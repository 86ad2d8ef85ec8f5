using Serverless.Storage.Diagnostics;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// A table stored as the rows of the shared <c>entities</c> table whose <c>table_name</c> is its name.
/// </summary>
internal sealed partial class SqliteTable(string name, SqliteDatabase database, TimeProvider time) : ITable
{
    public string Name { get; } = name;

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        database.EnsureCreatedAsync(cancellationToken);

    public Task<TableEntity?> GetAsync(
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            StorageOperationKinds.TableGet,
            session =>
            {
                var command = session.Command($"SELECT {EntityRows.Columns} FROM entities WHERE table_name = $table " +
                    $"AND pk = $pk AND rk = $rk;");
                command.Parameters.AddWithValue("$table", Name);
                command.Parameters.AddWithValue("$pk", partitionKey);
                command.Parameters.AddWithValue("$rk", rowKey);
                using var reader = command.ExecuteReader();
                return reader.Read() ? EntityRows.Read(reader) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<TableEntity>> QueryPartitionAsync(
        string partitionKey,
        string? rowKeyPrefix = null,
        CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<TableEntity>>(
            StorageOperationKinds.TableQuery,
            session =>
            {
                // Keys with a given prefix are contiguous in byte order and start at the prefix itself: seek there
                // and stop at the first key past them.
                var prefix = rowKeyPrefix ?? "";
                var command = session.Command($"SELECT {EntityRows.Columns} FROM entities WHERE table_name = $table " +
                    $"AND pk = $pk AND rk >= $prefix ORDER BY rk;");
                command.Parameters.AddWithValue("$table", Name);
                command.Parameters.AddWithValue("$pk", partitionKey);
                command.Parameters.AddWithValue("$prefix", prefix);
                using var reader = command.ExecuteReader();
                var rows = new List<TableEntity>();
                while (reader.Read() && reader.GetString(1).StartsWith(prefix, StringComparison.Ordinal))
                {
                    rows.Add(EntityRows.Read(reader));
                }

                return rows;
            },
            cancellationToken);

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = TableContinuation.Decode(query.ContinuationToken);
        var prefix = query.PartitionKeyPrefix;
        return database.ReadAsync(
            StorageOperationKinds.TableQuery,
            session =>
            {
                var command = session.Command(
                    BuildQuery(after is not null, query.RowKey is not null, prefix is not null));
                command.Parameters.AddWithValue("$table", Name);
                if (after is { } position)
                {
                    command.Parameters.AddWithValue("$afterPk", position.PartitionKey);
                    command.Parameters.AddWithValue("$afterRk", position.RowKey);
                }

                if (query.RowKey is { } rowKey)
                {
                    command.Parameters.AddWithValue("$rk", rowKey);
                }

                if (prefix is not null)
                {
                    command.Parameters.AddWithValue("$pkPrefix", prefix);
                }

                // Property filters run here, with the port's own ordinal comparison; the cursor and the keys run in
                // SQL. Rows stream, so a sparse match reads on without holding the table in memory. Partition keys
                // with a prefix are contiguous in byte order from the prefix itself: the first one without it is past
                // them all.
                using var reader = command.ExecuteReader();
                var scan = new TableScan(query);
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (prefix is not null && !reader.GetString(0).StartsWith(prefix, StringComparison.Ordinal))
                    {
                        break;
                    }

                    if (!scan.Offer(EntityRows.Read(reader)))
                    {
                        break;
                    }
                }

                return scan.ToPage();
            },
            cancellationToken);
    }

    private static string BuildQuery(bool hasCursor, bool hasRowKey, bool hasPrefix) =>
        $"SELECT {EntityRows.Columns} FROM entities WHERE table_name = $table"
        + (hasCursor ? " AND (pk, rk) > ($afterPk, $afterRk)" : "")
        + (hasRowKey ? " AND rk = $rk" : "")
        + (hasPrefix ? " AND pk >= $pkPrefix" : "")
        + " ORDER BY pk, rk;";
}
