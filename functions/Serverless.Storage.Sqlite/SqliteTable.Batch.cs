using Serverless.Storage.Diagnostics;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Sqlite;

internal sealed partial class SqliteTable
{
    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        CancellationToken cancellationToken = default) =>
        ExecuteBatchAsync(operations, null, cancellationToken);

    /// <summary>
    /// The batch, and <paramref name="alsoWrite"/> in the same transaction once every operation applied.
    /// </summary>
    internal Task<IReadOnlyList<string?>> ExecuteBatchAsync(
        IReadOnlyList<TableOperation> operations,
        Action<SqliteSession>? alsoWrite,
        CancellationToken cancellationToken)
    {
        TableBatch.Validate(operations);
        var timestamp = time.GetUtcNow().UtcTicks;
        var etags = new string?[operations.Count];
        var properties = new string?[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Kind != TableOperationKind.Delete)
            {
                etags[i] = NewETag();
                properties[i] = EntityRows.SerializeProperties(operations[i].Entity.Properties);
            }
        }

        // One savepoint of the writer's group transaction: a failed precondition rolls back this batch only, and the
        // writer holds the file's write lock from before the first check, so no other process writes in between.
        return database.WriteAsync<IReadOnlyList<string?>>(
            StorageOperationKinds.TableBatch,
            session =>
            {
                var statements = new BatchStatements(session, Name);
                for (var i = 0; i < operations.Count; i++)
                {
                    var operation = operations[i];
                    if (!statements.Execute(operation, properties[i], etags[i], timestamp))
                    {
                        throw new TableConflictException(
                            i,
                            statements.ExplainConflict(operation),
                            operation.Entity.PartitionKey,
                            operation.Entity.RowKey);
                    }
                }

                alsoWrite?.Invoke(session);

                return etags;
            },
            cancellationToken);
    }

    /// <summary>
    /// A random version: unique across processes and across a row's delete and re-insert, so a stale ETag can never
    /// match a newer row (no ABA).
    /// </summary>
    private static string NewETag() => $"W/\"{Guid.NewGuid():N}\"";

    /// <summary>
    /// The statements of a batch, one per operation kind, compiled once per connection
    /// (<see cref="SqliteSession.Command"/>).
    /// </summary>
    private readonly struct BatchStatements(SqliteSession session, string tableName)
    {
        private const string KeyMatches = "table_name = $table AND pk = $pk AND rk = $rk";
        private const string ETagMatches = "($ifMatch = '*' OR etag = $ifMatch)";

        private const string InsertSql =
            "INSERT INTO entities (table_name, pk, rk, properties, etag, timestamp) VALUES ($table, $pk, $rk, " +
                "$properties, $etag, $timestamp)"
            + " ON CONFLICT (table_name, pk, rk) DO NOTHING;";

        private const string UpsertSql =
            "INSERT INTO entities (table_name, pk, rk, properties, etag, timestamp) VALUES ($table, $pk, $rk, " +
                "$properties, $etag, $timestamp)"
            + " ON CONFLICT (table_name, pk, rk) DO UPDATE SET properties = excluded.properties, etag = " +
            "excluded.etag, timestamp = excluded.timestamp;";

        private const string ReplaceSql = $"UPDATE entities SET properties = $properties, etag = $etag, timestamp = " +
            $"$timestamp WHERE {KeyMatches} AND {ETagMatches};";

        private const string DeleteSql = $"DELETE FROM entities WHERE {KeyMatches} AND {ETagMatches};";

        public bool Execute(TableOperation operation, string? properties, string? etag, long timestamp)
        {
            var command = session.Command(operation.Kind switch
            {
                TableOperationKind.Insert => InsertSql,
                TableOperationKind.Upsert => UpsertSql,
                TableOperationKind.Replace => ReplaceSql,
                TableOperationKind.Delete => DeleteSql,
                _ => throw new ArgumentOutOfRangeException(
                    nameof(operation),
                    operation.Kind,
                    "Unknown operation kind."),
            });
            command.Parameters.AddWithValue("$table", tableName);
            command.Parameters.AddWithValue("$pk", operation.Entity.PartitionKey);
            command.Parameters.AddWithValue("$rk", operation.Entity.RowKey);
            if (operation.Kind != TableOperationKind.Delete)
            {
                command.Parameters.AddWithValue("$properties", properties);
                command.Parameters.AddWithValue("$etag", etag);
                command.Parameters.AddWithValue("$timestamp", timestamp);
            }

            if (operation.Kind is TableOperationKind.Replace or TableOperationKind.Delete)
            {
                command.Parameters.AddWithValue("$ifMatch", (object?)operation.IfMatch ?? DBNull.Value);
            }

            return command.ExecuteNonQuery() == 1;
        }

        /// <summary>Why a conditional write changed no row (only called on that failure path).</summary>
        public TableConflictReason ExplainConflict(TableOperation operation)
        {
            if (operation.Kind == TableOperationKind.Insert)
            {
                return TableConflictReason.EntityAlreadyExists;
            }

            var command = session.Command($"SELECT EXISTS (SELECT 1 FROM entities WHERE {KeyMatches});");
            command.Parameters.AddWithValue("$table", tableName);
            command.Parameters.AddWithValue("$pk", operation.Entity.PartitionKey);
            command.Parameters.AddWithValue("$rk", operation.Entity.RowKey);
            var exists = (long)command.ExecuteScalar()! == 1;
            return exists ? TableConflictReason.ETagMismatch : TableConflictReason.EntityNotFound;
        }
    }
}
