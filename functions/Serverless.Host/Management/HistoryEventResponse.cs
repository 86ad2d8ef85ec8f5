using System.Text.Json;
using System.Text.Json.Serialization;
using DurableTask.Core.History;

namespace Serverless.Host.Management;

/// <summary>
/// One history event as the Durable Functions HTTP API shows it (<c>showHistory=true</c>): PascalCase, the event type,
/// the function or event name, and what the event carries. Episode markers (<c>OrchestratorStarted</c>) are left out.
/// </summary>
internal sealed record HistoryEventResponse(
    [property: JsonPropertyName("EventType")] string EventType,
    [property: JsonPropertyName("Timestamp")] DateTime Timestamp)
{
    [JsonPropertyName("EventId")]
    public int? EventId { get; init; }

    [JsonPropertyName("FunctionName")]
    public string? FunctionName { get; init; }

    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    [JsonPropertyName("InstanceId")]
    public string? InstanceId { get; init; }

    [JsonPropertyName("Input")]
    public JsonElement? Input { get; init; }

    [JsonPropertyName("Result")]
    public JsonElement? Result { get; init; }

    [JsonPropertyName("FireAt")]
    public DateTime? FireAt { get; init; }

    [JsonPropertyName("OrchestrationStatus")]
    public string? OrchestrationStatus { get; init; }

    [JsonPropertyName("Reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("Details")]
    public string? Details { get; init; }

    public static HistoryEventResponse? From(HistoryEvent e)
    {
        var response = new HistoryEventResponse(e.EventType.ToString(), e.Timestamp) { EventId = e.EventId >= 0
            ? e.EventId
            : null };
        return e switch
        {
            OrchestratorStartedEvent => null,
            ExecutionStartedEvent started =>
                response with { FunctionName = started.Name, Input = Json.Parse(started.Input) },
            TaskScheduledEvent scheduled =>
                response with { FunctionName = scheduled.Name, Input = Json.Parse(scheduled.Input) },
            TaskCompletedEvent completed =>
                response with { EventId = completed.TaskScheduledId, Result = Json.Parse(completed.Result) },
            TaskFailedEvent failed =>
                response with
                {
                    EventId = failed.TaskScheduledId,
                    Reason = failed.Reason,
                    Details = failed.FailureDetails?.ErrorType,
                },
            TimerCreatedEvent timer => response with { FireAt = timer.FireAt },
            TimerFiredEvent fired => response with { EventId = fired.TimerId, FireAt = fired.FireAt },
            EventRaisedEvent raised => response with { Name = raised.Name, Input = Json.Parse(raised.Input) },
            EventSentEvent sent =>
                response with { Name = sent.Name, InstanceId = sent.InstanceId, Input = Json.Parse(sent.Input) },
            SubOrchestrationInstanceCreatedEvent created =>
                response with
                {
                    FunctionName = created.Name,
                    InstanceId = created.InstanceId,
                    Input = Json.Parse(created.Input),
                },
            SubOrchestrationInstanceCompletedEvent completed =>
                response with { EventId = completed.TaskScheduledId, Result = Json.Parse(completed.Result) },
            SubOrchestrationInstanceFailedEvent failed =>
                response with
                {
                    EventId = failed.TaskScheduledId,
                    Reason = failed.Reason,
                    Details = failed.FailureDetails?.ErrorType,
                },
            ContinueAsNewEvent continued => response with { Input = Json.Parse(continued.Result) },
            ExecutionCompletedEvent completed => response with
            {
                OrchestrationStatus = completed.OrchestrationStatus.ToString(),
                Result = Json.Parse(completed.Result),
                Reason = completed.FailureDetails?.ErrorMessage,
                Details = completed.FailureDetails?.ErrorType,
            },
            ExecutionTerminatedEvent terminated => response with { Input = Json.Parse(terminated.Input) },
            _ => response,
        };
    }
}
