using Serverless.Durable.Engine;

using System.Text.Json;

namespace Serverless.Durable;

/// <summary>
/// The orchestrators and activities a worker can run, registered explicitly through typed references (no reflection,
/// no scanning). Payloads cross the wire as JSON through each reference's source-generated contracts.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, RegisteredOrchestrator> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredActivity> _activities = new(StringComparer.Ordinal);

    /// <summary>Registers an orchestrator.</summary>
    public DurableTaskRegistry AddOrchestrator<TInput, TOutput>(
        OrchestratorRef<TInput, TOutput> orchestrator,
        Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        var registered = new RegisteredOrchestrator(orchestrator.Name, async (context, input) =>
        {
            var typedInput = JsonSerializer.Deserialize(input ?? "null", orchestrator.Input)!;
            var output = await implementation(context, typedInput);
            return JsonSerializer.Serialize(output, orchestrator.Output);
        });
        Add(_orchestrators, orchestrator.Name, registered);
        return this;
    }

    /// <summary>Registers an activity. It runs at least once per call: make it idempotent on <see cref="TaskActivityContext.IdempotencyKey"/>.</summary>
    public DurableTaskRegistry AddActivity<TInput, TOutput>(
        ActivityRef<TInput, TOutput> activity,
        Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> implementation)
    {
        var registered = new RegisteredActivity(activity.Name, activity.Queue, async (context, input, cancellationToken) =>
        {
            var typedInput = JsonSerializer.Deserialize(input ?? "null", activity.Input)!;
            var output = await implementation(context, typedInput, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Serialize(output, activity.Output);
        });
        Add(_activities, activity.Name, registered);
        return this;
    }

    /// <summary>The registered orchestrators by name.</summary>
    internal IReadOnlyDictionary<string, RegisteredOrchestrator> Orchestrators => _orchestrators;

    /// <summary>The registered activities by name.</summary>
    internal IReadOnlyDictionary<string, RegisteredActivity> Activities => _activities;

    /// <summary>The distinct queues the registered activities use (the default queue is represented by <see langword="null"/>).</summary>
    public IReadOnlyCollection<string?> ActivityQueues => _activities.Values.Select(a => a.Queue).Distinct().ToList();

    private static void Add<T>(Dictionary<string, T> map, string name, T value)
    {
        if (!map.TryAdd(name, value))
        {
            throw new ArgumentException($"'{name}' is already registered.", nameof(name));
        }
    }
}
