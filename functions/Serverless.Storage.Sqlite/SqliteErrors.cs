using Microsoft.Data.Sqlite;

namespace Serverless.Storage.Sqlite;

/// <summary>SQLite's errors in port terms.</summary>
internal static class SqliteErrors
{
    public static StorageException ToStorageException(SqliteException exception) =>
        new($"SQLite error {exception.SqliteErrorCode}: {exception.Message}", exception);
}
