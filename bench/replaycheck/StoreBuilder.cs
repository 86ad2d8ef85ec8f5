using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Serverless.Bench.ReplayCheck;

/// <summary>
/// A host data file of many instances: the four orders <c>pre-upgrade.sqlite</c> holds in flight, copied under new ids
/// (every row of each: the instance, its history, its inbox), a share of the copies marked finished.
/// </summary>
internal static class StoreBuilder
{
    private const string InstancesTable = "durableInstances";
    private static readonly string[] Columns = ["$table", "$pk", "$rk", "$properties", "$etag", "$timestamp"];

    public static void Build(string seed, string database, int instances, double finishedShare)
    {
        File.Copy(seed, database, overwrite: true);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var orders = Rows(connection).GroupBy(r => r.Pk).ToList();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO entities (table_name, pk, rk, properties, etag, timestamp) " +
            "VALUES ($table, $pk, $rk, $properties, $etag, $timestamp);";
        var parameters = Columns
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        var finishedEvery = finishedShare <= 0 ? int.MaxValue : (int)Math.Round(1 / finishedShare);
        for (var copy = 0; copy < instances - orders.Count; copy++)
        {
            var order = orders[copy % orders.Count];
            var finished = copy % finishedEvery == 0 && finishedShare > 0;
            foreach (var row in order)
            {
                var properties = finished && row.Rk == "instance"
                    ? row.Properties.Replace("\"Status\":\"Running\"", "\"Status\":\"Completed\"",
                        StringComparison.Ordinal)
                    : row.Properties;
                object[] values =
                [
                    InstancesTable,
                    string.Create(CultureInfo.InvariantCulture, $"{row.Pk}-{copy:D7}"),
                    row.Rk,
                    properties,
                    row.ETag,
                    row.Timestamp,
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static List<(string Pk, string Rk, string Properties, string ETag, long Timestamp)> Rows(
        SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT pk, rk, properties, etag, timestamp FROM entities WHERE table_name = $table;";
        query.Parameters.AddWithValue("$table", InstancesTable);
        using var reader = query.ExecuteReader();
        var rows = new List<(string, string, string, string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4)));
        }

        return rows;
    }
}
