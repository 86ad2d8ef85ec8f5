using System.Text.Json;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Reads the <c>order-events</c> queue of a host (which exposes no route for it) through the storage ports: the host's
/// SQLite file opened as a <see cref="SqliteStorageProvider"/> (WAL mode: a reader never blocks the host), or Azure
/// Storage for a host on it (<see cref="AzureOrderEventsQueue"/>). Nothing is taken away or hidden. The host's
/// <c>FulfilOrder</c> function consumes the queue, so an event that was published is either still in it or already
/// turned into the order's shipment.
/// </summary>
public static class OrderEventsQueue
{
    public const string QueueName = "order-events";

    /// <summary>
    /// The bodies of the queue's visible messages, oldest first (at most <see cref="IQueueAdministration.MaxPeek"/>:
    /// a peek; a message a worker holds or a retry delays is not visible). <see cref="CountAsync"/> counts them all.
    /// </summary>
    public static async Task<List<JsonElement>> ReadAsync(HostProcess host, string queueName = QueueName)
    {
        if (host.StorageConnectionString is { } connectionString)
        {
            return await AzureOrderEventsQueue.ReadAsync(connectionString, queueName);
        }

        using var storage = OpenStorage(host);
        var peeked = await storage.PeekAsync(queueName, IQueueAdministration.MaxPeek);
        return [.. peeked.Select(m => Parse(m.Body))];
    }

    /// <summary>The number of messages in the queue, visible or not (approximate on Azure Storage).</summary>
    public static async Task<int> CountAsync(HostProcess host, string queueName = QueueName)
    {
        if (host.StorageConnectionString is { } connectionString)
        {
            return await AzureOrderEventsQueue.CountAsync(connectionString, queueName);
        }

        using var storage = OpenStorage(host);
        return await storage.GetQueue(queueName).CountAsync();
    }

    private static JsonElement Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static SqliteStorageProvider OpenStorage(HostProcess host) => new(new SqliteStorageOptions
    {
        DataSource = Path.Combine(host.DataDirectory, EmbeddedDatabaseFile.FileName),
    });

    /// <summary>
    /// The distinct <c>OrderConfirmed</c> events of <paramref name="orderId"/> published so far: those still in the
    /// queue and the one its shipment was created from (by event id; copies of one event share it).
    /// </summary>
    public static async Task<List<JsonElement>> ConfirmedEventsOfAsync(HostClient client, string orderId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var events = (await ReadAsync(client.Host))
            .Where(e => e.GetProperty("type").GetString() == "OrderConfirmed"
                && e.GetProperty("orderId").GetString() == orderId)
            .ToList();
        if (await ShipmentOfAsync(client.Http, orderId) is { } shipment)
        {
            // The event as its shipment recorded it (the shipment keeps the customer and the lines; the total is their
            // sum).
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

    /// <summary>
    /// The order's one <c>OrderConfirmed</c> event, once published: the saga's last step publishes it after marking the
    /// order Confirmed, so a test that saw the order settle polls for it.
    /// </summary>
    public static async Task<JsonElement> WaitForConfirmedEventAsync(HostClient client, string orderId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var events = await client.PollAsync(
            () => ConfirmedEventsOfAsync(client, orderId),
            events => events.Count > 0,
            _ => $"No OrderConfirmed event for {orderId} in the order-events queue within " +
                $"{HostClient.SettleDeadline}.");
        return Assert.Single(events);
    }

    /// <summary>The order's shipment (<c>GET /api/shipments/{orderId}</c>), or <see langword="null"/> on 404.</summary>
    public static async Task<JsonElement?> ShipmentOfAsync(HostProcess host, string orderId)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        return await ShipmentOfAsync(http, orderId);
    }

    /// <summary>The order's shipment read through <paramref name="http"/>, or <see langword="null"/> on 404.</summary>
    public static async Task<JsonElement?> ShipmentOfAsync(HttpClient http, string orderId)
    {
        using var response = await http.GetAsync($"/api/shipments/{orderId}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return Json.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }
}
