using DurableTask.Core;
using DurableTask.Core.History;

namespace Serverless.Baseline;

/// <summary>
/// Adapts what the SDK test sidecar commits to what every DurableTask.Core backend can store. The sidecar was written
/// for its in-memory backend, which keeps objects as they are; the Azure Storage backend serializes them.
/// </summary>
public static class SidecarMessages
{
    /// <summary>
    /// The sidecar starts a sub-orchestration with an <see cref="ExecutionStartedEvent"/> whose <c>Tags</c> is the gRPC
    /// request's <c>Google.Protobuf.Collections.MapField</c>. The Azure Storage backend serializes queue messages
    /// with Newtonsoft type names and cannot resolve that type when it reads the message back ("Error resolving type
    /// specified in JSON 'Google.Protobuf.Collections.MapField`2[...]'"), so the child never starts. A plain
    /// dictionary with the same entries serializes everywhere.
    /// </summary>
    public static void UsePlainTags(IEnumerable<TaskMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Event is ExecutionStartedEvent started
                && started.Tags is { } tags
                && tags is not Dictionary<string, string>)
            {
                started.Tags = new Dictionary<string, string>(tags);
            }
        }
    }

    /// <summary>
    /// The sidecar records a sub-orchestration call as its own subclass <c>GrpcSubOrchestrationInstanceCreatedEvent</c>
    /// (to carry a trace context). The Azure Storage backend writes history rows from the event's runtime type and
    /// cannot read that row back ("The TableEntity did not contain a 'EventType' property"), so the parent never
    /// replays again. The plain DurableTask.Core event with the same fields is what DurableTask.Core's own dispatcher
    /// records.
    /// </summary>
    public static void UsePlainHistoryEvents(OrchestrationRuntimeState state)
    {
        Replace(state.Events);
        Replace(state.NewEvents);

        static void Replace(IList<HistoryEvent> events)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is SubOrchestrationInstanceCreatedEvent created
                    && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
                {
                    events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                    {
                        Timestamp = created.Timestamp,
                        IsPlayed = created.IsPlayed,
                        Name = created.Name,
                        Version = created.Version,
                        InstanceId = created.InstanceId,
                        Input = created.Input,
                        ClientSpanId = created.ClientSpanId,
                        Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
                    };
                }
            }
        }
    }
}
