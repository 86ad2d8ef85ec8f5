using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.Testing.Lambda;

/// <summary>
/// Reads a function's answer to an SQS batch as an event source mapping with <c>ReportBatchItemFailures</c> does
/// (AWS's "success and failure conditions"): no answer, JSON <c>null</c>, <c>{}</c>, or a null or empty
/// <c>batchItemFailures</c> is a complete success; invalid JSON, or an item whose <c>itemIdentifier</c> is missing,
/// empty, or not a message of the batch, is a complete failure.
/// </summary>
internal static class PartialBatchResponse
{
    /// <summary>The ids of the messages to keep, or <see langword="null"/> when the whole batch failed.</summary>
    public static HashSet<string>? FailedMessageIds(string body, IReadOnlySet<string> batch)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        if (answer is not JsonObject response || response["batchItemFailures"] is null)
        {
            return [];
        }

        if (response["batchItemFailures"] is not JsonArray failures)
        {
            return null;
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in failures)
        {
            if (item is not JsonObject failure
                || failure["itemIdentifier"] is not JsonValue identifier
                || !identifier.TryGetValue(out string? messageId)
                || !batch.Contains(messageId))
            {
                return null;
            }

            failed.Add(messageId);
        }

        return failed;
    }
}
