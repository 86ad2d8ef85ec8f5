using System.Text.Json;
using Azure.Storage.Queues;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Reads every message of a queue on Azure Storage without taking any away. The service peeks at most 32 messages, so
/// this receives them all (each hidden while the rest are read), then makes each visible again.
/// </summary>
public static class AzureOrderEventsQueue
{
    public static async Task<List<JsonElement>> ReadAsync(string connectionString, string queueName)
    {
        var queue = new QueueClient(
            connectionString,
            queueName,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var bodies = new List<JsonElement>();
        if (!await queue.ExistsAsync())
        {
            return bodies;
        }

        var received = new List<(string Id, string PopReceipt)>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(2))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                using var document = JsonDocument.Parse(message.Body.ToString());
                bodies.Add(document.RootElement.Clone());
                received.Add((message.MessageId, message.PopReceipt));
            }
        }

        foreach (var (id, popReceipt) in received)
        {
            await queue.UpdateMessageAsync(id, popReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        return bodies;
    }

    /// <summary>The queue's approximate message count, visible or not (0 when it does not exist).</summary>
    public static async Task<int> CountAsync(string connectionString, string queueName)
    {
        var queue = new QueueClient(connectionString, queueName);
        return await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }
}
