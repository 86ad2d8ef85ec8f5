using System.Text.Json;
using Serverless.Durable.Engine;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Replay;

/// <summary>
/// A failure in a DurableTask.AzureStorage history row: its <c>FailureDetails</c> column (DurableTask.Core's
/// <c>FailureDetails</c> as Newtonsoft writes it: <c>ErrorType</c>, <c>ErrorMessage</c>, <c>StackTrace</c>,
/// <c>InnerFailure</c>), or, from runtimes that write none, its <c>Reason</c> and <c>Details</c>.
/// </summary>
internal static class DurableFunctionsFailure
{
    /// <summary>The failure the row records, or <see langword="null"/> when it records none.</summary>
    public static StoredFailure? Read(TableEntity row)
    {
        if (!string.IsNullOrEmpty(row["FailureDetails"]) && row["FailureDetails"] != "null")
        {
            using var document = JsonDocument.Parse(row["FailureDetails"]!);
            return From(document.RootElement);
        }

        return row["Reason"] is { Length: > 0 } reason && row["EventType"] is "TaskFailed"
            or "SubOrchestrationInstanceFailed" or "ExecutionCompleted"
            ? new StoredFailure(reason, row["Details"] ?? reason)
            : null;
    }

    private static StoredFailure From(JsonElement details) =>
        new(
            String(details, "ErrorType") ?? "Exception",
            String(details, "ErrorMessage") ?? string.Empty,
            String(details, "StackTrace"),
            details.TryGetProperty("InnerFailure", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? From(inner)
                : null);

    private static string? String(JsonElement details, string name) =>
        details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
