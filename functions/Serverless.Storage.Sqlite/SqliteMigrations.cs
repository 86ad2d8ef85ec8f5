using Microsoft.Data.Sqlite;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// Schema changes made after <see cref="SqliteSchema"/> version 1, each an idempotent step that checks before it
/// changes (so a file of any earlier release is upgraded in place, and steps added by parallel changes merge in any
/// order). They run in the schema transaction, under the write lock, once per provider.
/// </summary>
internal static class SqliteMigrations
{
    public static async Task ApplyAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        // The worker that holds a received message (QueueOptions.WorkerId), written by the receive's own UPDATE.
        await AddColumnAsync(command, "messages", "holder", "TEXT", cancellationToken).ConfigureAwait(false);
    }

    private static async Task AddColumnAsync(
        SqliteCommand command,
        string table,
        string column,
        string type,
        CancellationToken cancellationToken)
    {
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}';";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
        {
            return;
        }

        command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type};";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
