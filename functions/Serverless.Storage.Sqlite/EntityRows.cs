using System.Text.Json;
using Microsoft.Data.Sqlite;
using Serverless.Storage.Tables;

namespace Serverless.Storage.Sqlite;

/// <summary>Converts between <see cref="TableEntity"/> and the columns of the <c>entities</c> table.</summary>
internal static class EntityRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "pk, rk, properties, etag, timestamp";

    public static string SerializeProperties(IReadOnlyDictionary<string, string> properties) =>
        JsonSerializer.Serialize(
            properties as Dictionary<string, string>
                ?? new Dictionary<string, string>(properties, StringComparer.Ordinal),
            SqliteJsonContext.Stored.DictionaryStringString);

    public static TableEntity Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1))
        {
            Properties = JsonSerializer.Deserialize(
                reader.GetString(2),
                SqliteJsonContext.Stored.DictionaryStringString)
                ?? new Dictionary<string, string>(StringComparer.Ordinal),
            ETag = reader.GetString(3),
            Timestamp = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
        };
}
