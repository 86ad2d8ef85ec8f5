using System.Text.Json;
using Azure.Storage.Queues;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// Reads every message of a queue on Azure Storage. The service peeks at most 32 messages, so this receives them all
/// with a long visibility timeout and deletes none: they stay in the queue, hidden for a while. Call it once, at the end.
/// </summary>
public static class AzureOrderEventsQueue
{
    public static async Task<List<JsonElement>> ReadAsync(string connectionString, string queueName)
    {
        var queue = new QueueClient(connectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var bodies = new List<JsonElement>();
        if (!await queue.ExistsAsync())
        {
            return bodies;
        }

        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                using var document = JsonDocument.Parse(message.Body.ToString());
                bodies.Add(document.RootElement.Clone());
            }
        }

        return bodies;
    }
}
