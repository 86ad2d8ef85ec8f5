using Microsoft.Data.Sqlite;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Sqlite;

internal sealed partial class SqliteTable
{
    public Task<IReadOnlyList<string?>> ExecuteBatchAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken = default)
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

        return database.ExecuteAsync<IReadOnlyList<string?>>(
            async connection =>
            {
                // IMMEDIATE takes the write lock before the first read, so no other connection or process can write
                // between a precondition check and the write; disposing without commit rolls the whole batch back.
                using var transaction = connection.BeginTransaction(deferred: false);
                using var statements = new BatchStatements(connection, transaction, Name);
                for (var i = 0; i < operations.Count; i++)
                {
                    var operation = operations[i];
                    var applied = await statements.ExecuteAsync(operation, properties[i], etags[i], timestamp, cancellationToken).ConfigureAwait(false);
                    if (!applied)
                    {
                        var reason = await statements.ExplainConflictAsync(operation, cancellationToken).ConfigureAwait(false);
                        throw new TableConflictException(i, reason, operation.Entity.PartitionKey, operation.Entity.RowKey);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return etags;
            },
            cancellationToken);
    }

    /// <summary>
    /// A random version: unique across processes and across a row's delete and re-insert, so a stale ETag can never
    /// match a newer row (no ABA).
    /// </summary>
    private static string NewETag() => $"W/\"{Guid.NewGuid():N}\"";

    /// <summary>One prepared statement per operation kind, reused across the operations of a batch.</summary>
    private sealed class BatchStatements(SqliteConnection connection, SqliteTransaction transaction, string tableName) : IDisposable
    {
        private const string KeyMatches = "table_name = $table AND pk = $pk AND rk = $rk";
        private const string ETagMatches = "($ifMatch = '*' OR etag = $ifMatch)";

        private readonly SqliteCommand?[] _commands = new SqliteCommand?[4];

        public async Task<bool> ExecuteAsync(TableOperation operation, string? properties, string? etag, long timestamp, CancellationToken cancellationToken)
        {
            var command = _commands[(int)operation.Kind] ??= Create(operation.Kind);
            command.Parameters["$pk"].Value = operation.Entity.PartitionKey;
            command.Parameters["$rk"].Value = operation.Entity.RowKey;
            if (operation.Kind != TableOperationKind.Delete)
            {
                command.Parameters["$properties"].Value = properties;
                command.Parameters["$etag"].Value = etag;
                command.Parameters["$timestamp"].Value = timestamp;
            }

            if (operation.Kind is TableOperationKind.Replace or TableOperationKind.Delete)
            {
                command.Parameters["$ifMatch"].Value = (object?)operation.IfMatch ?? DBNull.Value;
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        /// <summary>Why a conditional write changed no row (only called on that failure path).</summary>
        public async Task<TableConflictReason> ExplainConflictAsync(TableOperation operation, CancellationToken cancellationToken)
        {
            if (operation.Kind == TableOperationKind.Insert)
            {
                return TableConflictReason.EntityAlreadyExists;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT EXISTS (SELECT 1 FROM entities WHERE {KeyMatches});";
            command.Parameters.AddWithValue("$table", tableName);
            command.Parameters.AddWithValue("$pk", operation.Entity.PartitionKey);
            command.Parameters.AddWithValue("$rk", operation.Entity.RowKey);
            var exists = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
            return exists ? TableConflictReason.ETagMismatch : TableConflictReason.EntityNotFound;
        }

        public void Dispose()
        {
            foreach (var command in _commands)
            {
                command?.Dispose();
            }
        }

        private SqliteCommand Create(TableOperationKind kind)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = kind switch
            {
                TableOperationKind.Insert =>
                    "INSERT INTO entities (table_name, pk, rk, properties, etag, timestamp) VALUES ($table, $pk, $rk, $properties, $etag, $timestamp)"
                    + " ON CONFLICT (table_name, pk, rk) DO NOTHING;",
                TableOperationKind.Upsert =>
                    "INSERT INTO entities (table_name, pk, rk, properties, etag, timestamp) VALUES ($table, $pk, $rk, $properties, $etag, $timestamp)"
                    + " ON CONFLICT (table_name, pk, rk) DO UPDATE SET properties = excluded.properties, etag = excluded.etag, timestamp = excluded.timestamp;",
                TableOperationKind.Replace =>
                    $"UPDATE entities SET properties = $properties, etag = $etag, timestamp = $timestamp WHERE {KeyMatches} AND {ETagMatches};",
                TableOperationKind.Delete =>
                    $"DELETE FROM entities WHERE {KeyMatches} AND {ETagMatches};",
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown operation kind."),
            };
            command.Parameters.AddWithValue("$table", tableName);
            command.Parameters.Add("$pk", SqliteType.Text);
            command.Parameters.Add("$rk", SqliteType.Text);
            if (kind != TableOperationKind.Delete)
            {
                command.Parameters.Add("$properties", SqliteType.Text);
                command.Parameters.Add("$etag", SqliteType.Text);
                command.Parameters.Add("$timestamp", SqliteType.Integer);
            }

            if (kind is TableOperationKind.Replace or TableOperationKind.Delete)
            {
                command.Parameters.Add("$ifMatch", SqliteType.Text);
            }

            return command;
        }
    }
}
