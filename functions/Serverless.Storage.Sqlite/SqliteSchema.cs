namespace Serverless.Storage.Sqlite;

/// <summary>
/// The tables every provider on a file shares. Times are UTC ticks. Text compares with SQLite's BINARY collation
/// (UTF-8 byte order), which equals .NET's ordinal order except between characters above U+FFFF and those in
/// U+E000-U+FFFF; paging stays exact because cursors compare in the same order they are sorted in.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS entities (
            table_name TEXT NOT NULL,
            pk TEXT NOT NULL,
            rk TEXT NOT NULL,
            properties TEXT NOT NULL,
            etag TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (table_name, pk, rk)
        );
        CREATE TABLE IF NOT EXISTS messages (
            seq INTEGER PRIMARY KEY,
            queue TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            inserted_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL,
            pop_receipt TEXT
        );
        CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages (queue, visible_at, seq);

        """;
}
