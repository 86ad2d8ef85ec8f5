using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;
using Serverless.Storage.Queues;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

public sealed partial class DurableTaskEngine
{
    /// <summary>
    /// Handles an activity work item: runs the activity, writes its outcome into the instance's inbox under
    /// <c>task:&lt;id&gt;</c> (a redelivery overwrites the same row), and wakes the instance. An activity that throws
    /// is recorded as a failed task; a work item delivered <see cref="DurableTaskOptions.MaxActivityDeliveries"/> times
    /// without completing is recorded as failed without running again. Throws only when the outcome could not be
    /// recorded (or on cancellation), so the caller abandons the message and it is delivered again.
    /// </summary>
    /// <param name="body">The message body.</param>
    /// <param name="dequeueCount">How many times the message has been delivered, this time included.</param>
    /// <param name="cancellationToken">Signals shutdown.</param>
    public Task HandleWorkItemAsync(string body, int dequeueCount, CancellationToken cancellationToken = default) =>
        HandleWorkItemAsync(body, dequeueCount, null, cancellationToken);

    /// <summary>
    /// Handles the work item <paramref name="delivery"/> a pump received from one of <see cref="ActivityQueues"/>, as
    /// <see cref="HandleWorkItemAsync(string, int, CancellationToken)"/> does; where the storage is transactional, the
    /// write of the outcome also completes the message.
    /// </summary>
    /// <returns>
    /// Whether the write carried the completion (whether it counts, given a stale receipt, is the pump's rule).
    /// </returns>
    public Task<bool> HandleWorkItemAsync(QueueCompletion delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return HandleWorkItemAsync(delivery.Message.Body, delivery.Message.DequeueCount, delivery, cancellationToken);
    }

    private async Task<bool> HandleWorkItemAsync(
        string body,
        int dequeueCount,
        QueueCompletion? completing,
        CancellationToken cancellationToken)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var item = JsonSerializer.Deserialize(body, DurableJsonContext.Stored.ActivityWorkItem)
            ?? throw new InvalidOperationException("The work item is empty.");
        if (dequeueCount == 1 && item.ScheduledAt is { } scheduledAt)
        {
            WorkDelays.Began(scheduledAt, _time.GetUtcNow());
        }

        if (_versions.Check(item.Version) is { } mismatch && _versions.Rejects)
        {
            // Back to its queue as a fresh message, for a worker of the caller's version; no rejection counts towards
            // the delivery limit.
            Logs.VersionMismatch(_logger, item.InstanceId, item.Name, _options.VersionFailureStrategy,
                mismatch.ErrorMessage);
            await _hub.Queue(QueueOf(item.Name)).SendAsync(body, VersionGate.RejectedRetryDelay, cancellationToken)
                .ConfigureAwait(false);
            return false;
        }

        var result = await RunToOutcomeAsync(item, dequeueCount, cancellationToken).ConfigureAwait(false);
        if (completing is not null &&
            await _directOutcomes.TryApplyAsync(result, completing, cancellationToken).ConfigureAwait(false) is
                (Applied: true, var completed))
        {
            return completed;
        }

        return await _hub.DeliverAsync(result, _time.GetUtcNow(), completing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes no more activities to run in this process on a claim, sends those still waiting for a slot to their
    /// queues at once, waits up to <paramref name="drain"/> for those running, and sends any still running too.
    /// </summary>
    public Task StopLocalActivitiesAsync(TimeSpan drain) => _localActivities.StopAsync(drain);

    /// <summary>
    /// How many activities this process holds claims on now (not sent through their queues), running or waiting for a
    /// slot.
    /// </summary>
    public int ClaimedActivities => _localActivities.Running;

    /// <summary>
    /// Dispatches now the outbox rows worker <paramref name="workerId"/>, found dead, held: the work items of the
    /// activities it was running on claims, and the outboxes it kept for its next commit (it may have died before
    /// sending them), rather than once their holds run out; returns how many.
    /// </summary>
    public Task<int> ReleaseHeldOutboxesAsync(string workerId, CancellationToken cancellationToken = default) =>
        _dispatcher.DispatchHeldByAsync(workerId, cancellationToken);

    /// <summary>Completes when the activities running here on claims now have settled.</summary>
    internal Task LocalActivitiesIdleAsync() => _localActivities.WhenIdleAsync();

    /// <summary>Runs <paramref name="item"/> and returns its outcome as the inbox message for its instance.</summary>
    private async Task<InboxRow> RunToOutcomeAsync(
        ActivityWorkItem item, int dequeueCount, CancellationToken cancellationToken)
    {
        StoredHistoryEvent outcome;
        StoredTrace? sender;
        using (var span = EngineSpans.StartActivity(item, dequeueCount))
        {
            outcome = await RunActivityAsync(item, dequeueCount, cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is { } failure)
            {
                EngineSpans.Failed(span, failure);
            }
            else
            {
                span?.SetTag(EngineSpans.OutcomeTag, "completed");
            }

            sender = StoredTrace.Of(span);
        }

        return new InboxRow(
            item.InstanceId,
            RowKeys.TaskResult(item.ExecutionId, item.TaskId),
            item.ExecutionId,
            outcome,
            _time.GetUtcNow()).SentBy(sender);
    }

    /// <summary>
    /// Applies the outcome of an activity run here on a claim: straight to its cached execution, the claim's delete in
    /// the same commit; or else through the inbox, the claim deleted after (a crash in between sends the work item
    /// once the claim runs out, and its second outcome is dropped as already in history).
    /// </summary>
    private async Task SettleClaimAsync(InboxRow outcome, TableOperation claimDelete)
    {
        if (await _directOutcomes.TryApplyAsync(outcome, null, CancellationToken.None, claimDelete)
                .ConfigureAwait(false) is (Applied: true, _))
        {
            return;
        }

        await _hub.DeliverAsync(outcome, _time.GetUtcNow(), cancellationToken: CancellationToken.None)
            .ConfigureAwait(false);
        await _hub.DeleteQuietlyAsync([claimDelete], CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<StoredHistoryEvent> RunActivityAsync(
        ActivityWorkItem item,
        int dequeueCount,
        CancellationToken cancellationToken)
    {
        if (_versions.Check(item.Version) is { } mismatch)
        {
            return Failed(item, mismatch);
        }

        if (!_activities.TryGetValue(item.Name, out var activity))
        {
            return Failed(
                item,
                new StoredFailure(
                    StoredFailure.ActivityNotFound,
                    $"No activity named '{item.Name}' is registered with this worker."));
        }

        if (dequeueCount >= _options.MaxActivityDeliveries)
        {
            Logs.ActivityGaveUp(_logger, item.Name, item.InstanceId, item.TaskId, dequeueCount);
            return Failed(item, new StoredFailure(
                "ActivityDeliveryLimitExceeded",
                $"The work item for activity '{item.Name}' was delivered {dequeueCount} times without completing."));
        }

        var started = _time.GetTimestamp();
        try
        {
            // A scope per run, as Durable Functions gives each activity invocation: activities take services by
            // constructor.
            await using var scope = _services.CreateAsyncScope();
            var implementation = activity.Create(scope.ServiceProvider);
            var input = _converter.Deserialize(item.Input, implementation.InputType);
            var output = await implementation.RunAsync(new ActivityContext(item.Name, item.InstanceId), input)
                .ConfigureAwait(false);
            _metrics?.ActivityRan(item.Name, completed: true, _time.GetElapsedTime(started));
            return new StoredHistoryEvent(
                HistoryEventType.TaskCompleted,
                _time.GetUtcNow()) { TaskId = item.TaskId, Name = item.Name, Result = _converter.Serialize(output) };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            _metrics?.ActivityRan(item.Name, completed: false, _time.GetElapsedTime(started));
            Logs.ActivityFailed(_logger, exception, item.Name, item.InstanceId, item.TaskId);
            return Failed(item, StoredFailure.FromException(exception));
        }
    }

    private StoredHistoryEvent Failed(ActivityWorkItem item, StoredFailure failure) =>
        new(
            HistoryEventType.TaskFailed,
            _time.GetUtcNow()) { TaskId = item.TaskId, Name = item.Name, Failure = failure };
}
