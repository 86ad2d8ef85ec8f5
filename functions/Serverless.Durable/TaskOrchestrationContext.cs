using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable;

/// <summary>
/// What an orchestrator sees of the world. Orchestrator code is replayed from the start on every episode, so it must be
/// deterministic: it takes time, GUIDs, delays and I/O only from this context, never from <see cref="DateTime"/>,
/// <see cref="Guid.NewGuid"/>, <see cref="Task.Delay(TimeSpan)"/>, <see cref="Task.Run(Action)"/> or the network, and
/// never uses <c>ConfigureAwait(false)</c>.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The instance's id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestrator's name.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether the code is re-executing history rather than making new decisions. Side effects the engine does not
    /// record (logging, metrics) should be skipped while replaying; <see cref="CreateReplaySafeLogger"/> does so.
    /// </summary>
    public abstract bool IsReplaying { get; }

    /// <summary>
    /// The current time as recorded in history for this episode: the same value on every replay. Use it instead of
    /// <see cref="DateTime.UtcNow"/>, which would differ between replays.
    /// </summary>
    public abstract DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>Calls an activity and returns its output. Throws <see cref="TaskFailedException"/> when it fails (after the retries of <paramref name="retryPolicy"/>).</summary>
    public abstract Task<TOutput> CallActivityAsync<TInput, TOutput>(ActivityRef<TInput, TOutput> activity, TInput input, RetryPolicy? retryPolicy = null);

    /// <summary>
    /// Starts a sub-orchestration and returns its output. Its instance id is by default derived from this instance, this
    /// execution and the call (deterministic, so replays find the same child). Throws <see cref="TaskFailedException"/>
    /// when it fails, or when <paramref name="instanceId"/> is already taken by an instance this call did not start.
    /// </summary>
    public abstract Task<TOutput> CallSubOrchestratorAsync<TInput, TOutput>(OrchestratorRef<TInput, TOutput> orchestrator, TInput input, string? instanceId = null);

    /// <summary>A durable timer: completes at <paramref name="fireAt"/>, even if the process restarts in between. Use instead of <see cref="Task.Delay(TimeSpan)"/>.</summary>
    public abstract Task CreateTimer(DateTimeOffset fireAt);

    /// <summary>
    /// Waits for an event raised to this instance under <paramref name="eventName"/> (case-insensitive). An event raised
    /// before the wait is buffered and delivered to it. With a <paramref name="timeout"/>, throws <see cref="TimeoutException"/> when it passes first.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, JsonTypeInfo<T> payload, TimeSpan? timeout = null);

    /// <summary>
    /// Ends this execution and starts the orchestration again with <paramref name="input"/> and an empty history. Events
    /// raised but not yet consumed are carried over to the new execution.
    /// </summary>
    public abstract void ContinueAsNew<T>(T input, JsonTypeInfo<T> inputType);

    /// <summary>Sets the status shown to clients while the instance runs (<see langword="null"/> clears it).</summary>
    public abstract void SetCustomStatus(string? customStatus);

    /// <summary>A GUID that is the same on every replay (derived from the instance and a counter). Use instead of <see cref="Guid.NewGuid"/>.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when the code is not replaying, so each message is logged once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
