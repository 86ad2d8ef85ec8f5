using System.Diagnostics;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Storage;

namespace Serverless.Durable.Client;

/// <summary>
/// The Durable Task SDK's <see cref="DurableTaskClient"/> over the engine's storage: starts, signals, queries and
/// purges orchestration instances. It talks to storage only (no worker needs to run in the same process) and is safe to
/// share.
/// </summary>
public sealed partial class EngineDurableTaskClient : DurableTaskClient
{
    private static readonly OrchestrationRuntimeStatus[] DefaultDedupeStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly TaskHubStorage _hub;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly string _defaultVersion;

    /// <summary>
    /// Creates a client of the task hub <see cref="DurableTaskOptions.TaskHub"/> in <paramref name="storage"/>.
    /// </summary>
    public EngineDurableTaskClient(
        IStorageProvider storage,
        IOptions<DurableTaskOptions> options,
        DataConverter converter,
        TimeProvider? timeProvider = null)
        : base(options.Value.TaskHub)
    {
        _hub = new TaskHubStorage(storage, TaskHubStorage.Resolve(options.Value.TaskHub));
        _converter = converter;
        _time = timeProvider ?? TimeProvider.System;
        _defaultVersion = options.Value.DefaultVersion;
    }

    /// <summary>
    /// Starts an instance and returns its id. <see cref="StartOrchestrationOptions.DedupeStatuses"/> says which
    /// statuses of an existing instance with the same id refuse the start (default: pending and running, so a start is
    /// idempotent while the instance runs); a finished instance whose status is not listed is started again with a new
    /// execution.
    /// </summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is taken by an instance in one of the dedupe
    /// statuses.</exception>
    /// <exception cref="NotSupportedException">The id is taken by a running instance and the dedupe statuses allow
    /// replacing it.</exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var startAt = options?.StartAt is { } at && at > now ? at : now;
        using var span = EngineSpans.StartCreate(orchestratorName.Name, instanceId);
        var trace = StoredTrace.Of(span ?? Activity.Current);
        var pending = new InstanceRow(
            instanceId,
            orchestratorName.Name,
            Guid.NewGuid().ToString("N"),
            StoredStatus.Pending)
        {
            Input = _converter.Serialize(input),
            Version = options?.Version?.Version ?? _defaultVersion,
            CreatedAt = now,
            LastUpdatedAt = now,
            NextWakeAt = startAt,
            TraceParent = trace?.TraceParent,
            TraceState = trace?.TraceState,
        };
        var dedupe = options?.DedupeStatuses?.Select(static s => Enum.Parse<OrchestrationRuntimeStatus>(
            s,
            ignoreCase: true))
            .ToHashSet()
            ?? [.. DefaultDedupeStatuses];
        var started = await _hub.StartAsync(pending, cancellation).ConfigureAwait(false);
        if (ReferenceEquals(started, pending))
        {
            return instanceId;
        }

        var existing = started.Status.ToRuntimeStatus();
        if (dedupe.Contains(existing))
        {
            throw new OrchestrationAlreadyExistsException($"An orchestration with instance ID '{instanceId}' and " +
                $"status '{existing}' already exists.");
        }

        if (!started.Status.IsTerminal())
        {
            throw new NotSupportedException(
                $"Instance '{instanceId}' is {existing}; replacing a running instance is not supported by this " +
                    $"engine. Terminate it first, or keep its status in DedupeStatuses.");
        }

        await _hub.RestartAsync(started, pending, cancellation).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>
    /// Raises an event to the instance's current execution, where it is delivered to a waiting
    /// <see cref="TaskOrchestrationContext.WaitForExternalEvent{T}(string, CancellationToken)"/> or buffered until one
    /// waits. An event for a finished instance is dropped, as Durable Functions drops it.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public override Task RaiseEventAsync(
        string instanceId,
        string eventName,
        object? eventPayload = null,
        CancellationToken cancellation = default) =>
        RaiseEventCoreAsync(instanceId, eventName, _converter.Serialize(eventPayload), eventId: null, cancellation);

    /// <summary>
    /// Raises an event at most once per <paramref name="eventId"/>: raising the same id again, even after the first was
    /// applied, delivers nothing more to the current execution. An engine extension; the SDK's raise has no event id.
    /// </summary>
    /// <returns><see langword="false"/> when the instance has already finished.</returns>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public Task<bool> RaiseEventOnceAsync(
        string instanceId,
        string eventName,
        object? eventPayload,
        string eventId,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        return RaiseEventCoreAsync(instanceId, eventName, _converter.Serialize(eventPayload), eventId, cancellation);
    }

    /// <summary>
    /// Asks an instance to stop; its output becomes <see cref="TerminateInstanceOptions.Output"/>. A finished instance
    /// is left as it is.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    /// <exception cref="NotSupportedException">A recursive terminate was asked for.</exception>
    public override async Task TerminateInstanceAsync(
        string instanceId,
        TerminateInstanceOptions? options = null,
        CancellationToken cancellation = default)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive terminate is not supported by this engine: terminate each " +
                "sub-orchestration by its id.");
        }

        var terminated = new StoredHistoryEvent(
            HistoryEventType.ExecutionTerminated,
            default) { Result = _converter.Serialize(options?.Output) };
        await DeliverUnlessFinishedAsync(instanceId, RowKeys.Terminate, terminated, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Suspends a running instance: from when the request is applied, what reaches it (activity results, timers,
    /// events) waits in its inbox, in order, until
    /// <see cref="ResumeInstanceAsync(string, string?, CancellationToken)"/>; a terminate still applies. Suspending a
    /// suspended or finished instance changes nothing.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public override Task SuspendInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default) =>
        ControlAsync(instanceId, HistoryEventType.ExecutionSuspended, reason, cancellation);

    /// <summary>
    /// Resumes a suspended instance, which then applies what waited in its inbox. Resuming a running or finished
    /// instance changes nothing.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    public override Task ResumeInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default) =>
        ControlAsync(instanceId, HistoryEventType.ExecutionResumed, reason, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        PollAsync(
            instanceId,
            getInputsAndOutputs,
            static m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending,
            cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, static m => m.IsCompleted, cancellation);

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<bool> RaiseEventCoreAsync(
        string instanceId,
        string eventName,
        string? payload,
        string? eventId,
        CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var raised = new StoredHistoryEvent(
            HistoryEventType.EventRaised,
            default) { Name = eventName, Input = payload, EventId = eventId };
        return await DeliverUnlessFinishedAsync(
            instanceId,
            RowKeys.Event(eventId ?? Guid.NewGuid().ToString("N")),
            raised,
            cancellation)
            .ConfigureAwait(false);
    }

    private Task<bool> ControlAsync(
        string instanceId,
        HistoryEventType request,
        string? reason,
        CancellationToken cancellation) =>
        DeliverUnlessFinishedAsync(
            instanceId,
            RowKeys.Control(Guid.NewGuid().ToString("N")),
            new StoredHistoryEvent(request, default) { Input = reason },
            cancellation);

    /// <summary>
    /// Writes <paramref name="message"/> (stamped now) into the instance's inbox under <paramref name="rowKey"/> and
    /// wakes it; returns <see langword="false"/>, delivering nothing, when the instance has finished.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No instance has the id.</exception>
    private async Task<bool> DeliverUnlessFinishedAsync(
        string instanceId,
        string rowKey,
        StoredHistoryEvent message,
        CancellationToken cancellation)
    {
        var instance = await GetRowAsync(instanceId, cancellation).ConfigureAwait(false);
        if (instance.Status.IsTerminal())
        {
            return false;
        }

        var now = _time.GetUtcNow();
        using var span = message.Type == HistoryEventType.EventRaised
            ? EngineSpans.StartRaise(message.Name!, instanceId)
            : null;
        await _hub.DeliverAsync(
            new InboxRow(instanceId, rowKey, instance.ExecutionId, message with { Timestamp = now }, now)
                .SentBy(StoredTrace.Of(span ?? Activity.Current)),
            now,
            cancellationToken: cancellation)
            .ConfigureAwait(false);
        return true;
    }

    private async Task<InstanceRow> GetRowAsync(string instanceId, CancellationToken cancellation)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = await _hub.Instances.GetAsync(instanceId, RowKeys.Instance, cancellation).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        return InstanceRow.FromEntity(entity);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length is 0 or > 256 || instanceId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            throw new ArgumentException(
                "An instance id is 1-256 characters without '/', '\\', '#', '?' or control characters.",
                nameof(instanceId));
        }
    }
}
