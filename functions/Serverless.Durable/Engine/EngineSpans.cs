using System.Diagnostics;
using SpanContext = System.Diagnostics.ActivityContext;
using System.Globalization;

namespace Serverless.Durable.Engine;

/// <summary>
/// The engine's spans, named and tagged as the Durable Task SDK names its own (<c>create_orchestration:{name}</c>,
/// <c>orchestration:{name}</c>, <c>activity:{name}</c>, <c>orchestration_event:{name}</c>, <c>durabletask.*</c>
/// attributes) plus <c>serverless.durable.*</c> for what the SDK has no attribute for (docs/observability.md). Each
/// span is parented on the context stored with the record that caused it, never on whatever is current, so a span
/// joins its order's trace in any process; a replay emits none.
/// </summary>
internal static class EngineSpans
{
    public const string TypeTag = "durabletask.type";
    public const string NameTag = "durabletask.task.name";
    public const string InstanceIdTag = "durabletask.task.instance_id";
    public const string ExecutionIdTag = "durabletask.task.execution_id";
    public const string StatusTag = "durabletask.task.status";
    public const string TaskIdTag = "durabletask.task.task_id";
    public const string AttemptTag = "serverless.durable.attempt";
    public const string DeliveryTag = "serverless.durable.delivery";
    public const string OutcomeTag = "serverless.durable.outcome";
    public const string EpisodeTag = "serverless.durable.episode";

    /// <summary>The client starting an instance: the parent of every span of the instance.</summary>
    public static Activity? StartCreate(string name, string instanceId)
    {
        var span = DurableDiagnostics.Source.StartActivity($"create_orchestration:{name}", ActivityKind.Producer);
        span?.SetTag(TypeTag, "orchestration")
            .SetTag(NameTag, name)
            .SetTag(InstanceIdTag, instanceId);
        return span;
    }

    /// <summary>The client raising an event to an instance.</summary>
    public static Activity? StartRaise(string eventName, string instanceId)
    {
        var span = DurableDiagnostics.Source.StartActivity($"orchestration_event:{eventName}", ActivityKind.Producer);
        span?.SetTag(TypeTag, "event")
            .SetTag(NameTag, eventName)
            .SetTag("durabletask.event.target_instance_id", instanceId);
        return span;
    }

    /// <summary>
    /// One episode of <paramref name="instance"/>, a child of the context stored with the instance, linked to the
    /// senders of <paramref name="messages"/> (activities, raised events).
    /// </summary>
    public static Activity? StartEpisode(InstanceRow instance, IEnumerable<InboxRow> messages)
    {
        if (!DurableDiagnostics.Source.HasListeners())
        {
            return null;
        }

        var links = messages
            .Select(m => StoredTrace.Read(m.TraceParent, m.TraceState))
            .Where(c => c != default)
            .Distinct()
            .Select(c => new ActivityLink(c))
            .ToList();
        var span = DurableDiagnostics.Source.StartActivity(
            $"orchestration:{instance.Name}",
            ActivityKind.Server,
            StoredTrace.Read(instance.TraceParent, instance.TraceState),
            links: links);
        span?.SetTag(TypeTag, "orchestration")
            .SetTag(NameTag, instance.Name)
            .SetTag(InstanceIdTag, instance.InstanceId)
            .SetTag(ExecutionIdTag, instance.ExecutionId);
        return span;
    }

    /// <summary>One run of an activity, a child of the episode that scheduled it (its context is in it).</summary>
    public static Activity? StartActivity(ActivityWorkItem item, int delivery)
    {
        var span = DurableDiagnostics.Source.StartActivity(
            $"activity:{item.Name}",
            ActivityKind.Server,
            StoredTrace.Read(item.TraceParent, item.TraceState));
        span?.SetTag(TypeTag, "activity")
            .SetTag(NameTag, item.Name)
            .SetTag(InstanceIdTag, item.InstanceId)
            .SetTag(TaskIdTag, item.TaskId.ToString(CultureInfo.InvariantCulture))
            .SetTag(AttemptTag, item.Attempt ?? 1)
            .SetTag(DeliveryTag, delivery);
        return span;
    }

    /// <summary>
    /// Records what the episode decided and which it was (the sequence of the history row it committed, from 1 in each
    /// execution); a failed instance's span carries the failure.
    /// </summary>
    public static void Decided(Activity? span, EpisodeDecision decision, InstanceRow instance)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(EpisodeTag, instance.HistorySequence + 1);
        var status = decision.Status.ToRuntimeStatus().ToString();
        span.SetTag(StatusTag, status).SetTag(OutcomeTag, status.ToLowerInvariant());
        if (decision.Failure is { } failure)
        {
            Failed(span, failure);
        }
    }

    /// <summary>Marks <paramref name="span"/> failed with <paramref name="failure"/> as its exception event.</summary>
    public static void Failed(Activity? span, StoredFailure failure)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(OutcomeTag, "failed").SetStatus(ActivityStatusCode.Error, failure.ErrorMessage);
        var tags = new ActivityTagsCollection
        {
            ["exception.type"] = failure.ErrorType,
            ["exception.message"] = failure.ErrorMessage,
        };
        if (failure.StackTrace is { } stackTrace)
        {
            tags["exception.stacktrace"] = stackTrace;
        }

        span.AddEvent(new ActivityEvent("exception", tags: tags));
    }

    /// <summary>
    /// Leaves <paramref name="span"/> out of every export: the work it covered was not done here (another worker's
    /// commit came first, or the outcome goes through the inbox instead), and the span of the work that was done is
    /// exported where it was done.
    /// </summary>
    public static void Discard(Activity? span)
    {
        if (span is not null)
        {
            span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            span.IsAllDataRequested = false;
        }
    }
}
