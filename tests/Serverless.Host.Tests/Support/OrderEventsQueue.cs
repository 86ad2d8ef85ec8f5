using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Reads the <c>order-events</c> queue straight from the host's SQLite file (the host exposes no route for it), or from
/// Azure Storage for a host on it (<see cref="AzureOrderEventsQueue"/>). Read-only; the SQLite file is in WAL mode, so
/// this never blocks the host. The host's <c>FulfilOrder</c> function consumes the queue, so an event that was published
/// is either still in it or already turned into the order's shipment.
/// </summary>
public static class OrderEventsQueue
{
    public const string QueueName = "order-events";

    /// <summary>The bodies of every message in the queue.</summary>
    public static async Task<List<JsonElement>> ReadAsync(HostProcess host, string queueName = QueueName)
    {
        if (host.StorageConnectionString is { } connectionString)
        {
            return await AzureOrderEventsQueue.ReadAsync(connectionString, queueName);
        }

        var path = Path.Combine(host.DataDirectory, EmbeddedStorageServiceCollectionExtensions.DatabaseFileName);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM messages WHERE queue = $queue ORDER BY seq;";
        command.Parameters.AddWithValue("$queue", queueName);
        var bodies = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            bodies.Add(document.RootElement.Clone());
        }

        return bodies;
    }

    /// <summary>
    /// The distinct <c>OrderConfirmed</c> events of <paramref name="orderId"/> published so far: those still in the queue
    /// and the one its shipment was created from (by event id; copies of one event share it).
    /// </summary>
    public static async Task<List<JsonElement>> ConfirmedEventsOfAsync(HostProcess host, string orderId)
    {
        var events = (await ReadAsync(host))
            .Where(e => e.GetProperty("type").GetString() == "OrderConfirmed" && e.GetProperty("orderId").GetString() == orderId)
            .ToList();
        if (await ShipmentOfAsync(host, orderId) is { } shipment)
        {
            // The event as its shipment recorded it (the shipment keeps the customer and the lines; the total is their sum).
            var items = shipment.GetProperty("items");
            var total = items.EnumerateArray().Sum(i => i.GetProperty("lineTotal").GetDecimal());
            events.Add(Json.Deserialize<JsonElement>(Json.Serialize(new
            {
                type = "OrderConfirmed",
                orderId,
                eventId = shipment.GetProperty("eventId").GetString(),
                customerId = shipment.GetProperty("customerId").GetString(),
                items,
                total,
            })));
        }

        return [.. events.DistinctBy(e => e.GetProperty("eventId").GetString())];
    }

    /// <summary>The order's shipment (<c>GET /api/shipments/{orderId}</c>), or <see langword="null"/> on 404.</summary>
    public static async Task<JsonElement?> ShipmentOfAsync(HostProcess host, string orderId)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.GetAsync($"/api/shipments/{orderId}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return Json.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }
}
