using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.Engine;
using Serverless.Durable.History;

namespace Serverless.Durable.Replay;

/// <summary>
/// Replays one recorded history with this build's orchestrator exactly as the instance's next episode would (a fresh
/// executor over everything recorded), and says where the code and the history part.
/// </summary>
internal sealed class HistoryVerifier(
    IReadOnlyDictionary<string, RegisteredOrchestrator> orchestrators,
    Func<string, string> queueOf,
    IServiceProvider services,
    DataConverter converter)
{
    /// <summary>The divergence, or <see langword="null"/> when the history replays.</summary>
    public ReplayDivergence? Verify(InstanceRow instance, IReadOnlyList<StoredHistoryEvent> history)
    {
        if (!orchestrators.TryGetValue(instance.Name, out var orchestrator))
        {
            return new ReplayDivergence(
                instance.InstanceId,
                instance.Name,
                null,
                null,
                $"No orchestrator named '{instance.Name}' is registered in this build.");
        }

        var executor = new OrchestrationExecutor(
            instance,
            orchestrator,
            queueOf,
            services,
            converter,
            NullLoggerFactory.Instance);
        var decision = executor.Execute(history, []);
        if (decision.Status != StoredStatus.Failed)
        {
            return null;
        }

        var index = decision.DivergedTaskId is { } taskId ? IndexOfDecision(history, taskId) : -1;
        return new ReplayDivergence(
            instance.InstanceId,
            instance.Name,
            index < 0 ? null : index,
            index < 0 ? null : Describe(history[index]),
            decision.Failure?.ErrorMessage ?? "The orchestrator failed on replay.");
    }

    /// <summary>A recorded event in a line: <c>TaskScheduled 3 ChargePayment</c>.</summary>
    public static string Describe(StoredHistoryEvent recorded) =>
        $"{recorded.Type} {recorded.TaskId} {recorded.Name}".Replace("  ", " ", StringComparison.Ordinal).TrimEnd();

    /// <summary>
    /// Whether the orchestrator decided <paramref name="recorded"/> (rather than it arriving from outside).
    /// </summary>
    public static bool IsDecision(StoredHistoryEvent recorded) => recorded.Type is HistoryEventType.TaskScheduled
        or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationInstanceCreated
        or HistoryEventType.EventSent or HistoryEventType.ExecutionCompleted or HistoryEventType.ContinuedAsNew;

    private static int IndexOfDecision(IReadOnlyList<StoredHistoryEvent> history, int taskId)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].TaskId == taskId && IsDecision(history[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
