using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Reads the <c>order-events</c> queue straight from the host's SQLite file (the host exposes no route for it and nothing
/// in the host consumes it). Read-only; the file is in WAL mode, so this never blocks the host. A host on Azure Storage
/// has its queue read there instead (<see cref="AzureOrderEventsQueue"/>).
/// </summary>
public static class OrderEventsQueue
{
    public const string QueueName = "order-events";

    /// <summary>The bodies of every message in the queue.</summary>
    public static async Task<List<JsonElement>> ReadAsync(HostProcess host)
    {
        if (host.StorageConnectionString is { } connectionString)
        {
            return await AzureOrderEventsQueue.ReadAsync(connectionString, QueueName);
        }

        var path = Path.Combine(host.DataDirectory, EmbeddedStorageServiceCollectionExtensions.DatabaseFileName);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM messages WHERE queue = $queue ORDER BY seq;";
        command.Parameters.AddWithValue("$queue", QueueName);
        var bodies = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            bodies.Add(document.RootElement.Clone());
        }

        return bodies;
    }

    /// <summary>The <c>OrderConfirmed</c> events of <paramref name="orderId"/>.</summary>
    public static async Task<List<JsonElement>> ConfirmedEventsOfAsync(HostProcess host, string orderId) =>
        (await ReadAsync(host))
            .Where(e => e.GetProperty("type").GetString() == "OrderConfirmed" && e.GetProperty("orderId").GetString() == orderId)
            .ToList();
}
