using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Serialization;
using Serverless.Storage;
using Serverless.Storage.Tables;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Engine;

/// <summary>
/// Runs in this process the activity an episode schedules alone, on storage whose table and queues are separate:
/// instead of sending its work item through the activity queue (a message sent, received and deleted, and a wake-up
/// for its outcome), the episode's outbox row claims it (<see cref="OutboxClaim"/>), the activity runs here as soon as
/// the commit is written, and its outcome is applied straight to the cached execution with the delete of the claim.
/// The outbox row is written either way, so a process that dies holding a claim loses nothing: once the claim runs out,
/// the sweep sends the work item to the queue.
/// </summary>
/// <remarks>
/// At most <see cref="DurableTaskOptions.MaxConcurrentActivities"/> claimed activities run at once; the claims past
/// that wait here for a slot, renewed all the same, up to <see cref="DurableTaskOptions.MaxCachedInstances"/> claims in
/// all (an outcome is applied straight only to a cached execution, so more would gain nothing). Sending the overflow
/// through the queue instead would cost the most when storage is slowest: a work item, its receipt and its delete, and
/// a wake-up for its outcome, each adding to the load that kept the slots busy.
/// </remarks>
[SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "Neither field holds anything to release: the semaphore's wait handle is never asked for, and " +
        "the token source has no timer; the runner lives as long as its engine.")]
internal sealed class LocalActivityRunner
{
    private readonly TaskHubStorage _hub;
    private readonly OutboxDispatcher _dispatcher;
    private readonly LocalQueueWorkers _worker;
    private readonly TimeSpan _claim;
    private readonly TimeSpan _sweepGrace;
    private readonly int _capacity;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<ActivityWorkItem, Task<InboxRow>> _run;
    private readonly Func<InboxRow, TableOperation, Task> _settle;
    private readonly ConcurrentDictionary<ClaimedActivity, Task> _running = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reserved;
    private volatile bool _stopping;

    /// <summary>
    /// Creates the runner for the process <paramref name="worker"/> describes; <paramref name="run"/> runs a work
    /// item to its outcome as a queue worker would, and <paramref name="settle"/> applies an outcome with the delete
    /// of its claim (directly, or through the inbox).
    /// </summary>
    public LocalActivityRunner(
        TaskHubStorage hub,
        OutboxDispatcher dispatcher,
        LocalQueueWorkers worker,
        DurableTaskOptions options,
        TimeProvider time,
        ILogger logger,
        Func<ActivityWorkItem, Task<InboxRow>> run,
        Func<InboxRow, TableOperation, Task> settle)
    {
        _hub = hub;
        _dispatcher = dispatcher;
        _worker = worker;
        _claim = options.LocalActivityClaim;
        _sweepGrace = options.SweepGrace;
        _capacity = Math.Max(options.MaxConcurrentActivities, options.MaxCachedInstances);
        _slots = new SemaphoreSlim(options.MaxConcurrentActivities);
        _time = time;
        _logger = logger;
        _run = run;
        _settle = settle;
    }

    /// <summary>
    /// Claims the lone work item of <paramref name="commit"/> for this process when it can (the claim is on, the
    /// storage keeps an outbox, fewer claims are held than the limit), marking its outbox row; the caller then
    /// <see cref="Start"/>s it once the commit is written, or frees its slot (<see cref="FreeSlot"/>) when the commit
    /// failed.
    /// </summary>
    public ClaimedActivity? TryClaim(EpisodeCommit commit, DateTimeOffset now)
    {
        // A process whose worker lease lapsed takes no work in memory, as it receives none.
        if (_claim == TimeSpan.Zero || _hub.Committer is not OutboxEpisodeCommitter ||
            commit.LoneWorkItem is not { } message || !_worker.MayReceive())
        {
            return null;
        }

        // Counted before the stop is looked at, so that a stop either sees this claim or this claim sees the stop.
        if (Interlocked.Increment(ref _reserved) > _capacity || _stopping)
        {
            FreeSlot();
            return null;
        }

        commit.ClaimOutbox(now + _claim, _sweepGrace, _worker.WorkerId);
        var item = JsonSerializer.Deserialize(message.Body!, DurableJsonContext.Stored.ActivityWorkItem)!;
        return new ClaimedActivity(item, commit.Outbox!);
    }

    /// <summary>How many activities this process holds claims on now, running or waiting for a slot.</summary>
    public int Running => _running.Count;

    /// <summary>Frees the slot of a claim whose commit was not written.</summary>
    public void FreeSlot()
    {
        if (Interlocked.Decrement(ref _reserved) == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Runs <paramref name="claimed"/>, whose row was written with <paramref name="etag"/>.</summary>
    public void Start(ClaimedActivity claimed, string? etag)
    {
        claimed.Row = claimed.Row with { ETag = etag };

        // Listed before it starts, so that a run that ends at once is not listed after it ended.
        var run = new Task<Task>(() => RunAsync(claimed));
        _running[claimed] = run.Unwrap();
        run.Start(TaskScheduler.Default);
    }

    /// <summary>Completes when the activities running here now have settled (for tests that step the engine).</summary>
    internal async Task WhenIdleAsync()
    {
        // An outcome's commit can claim the next activity: it is listed before the run that settled it ends.
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Values).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes no more claims, waits up to <paramref name="drain"/> for the activities running here, and sends the work
    /// items of those still running to the queue, so another worker takes them without waiting for their claims to run
    /// out (one still finishing here then only makes a duplicate outcome, which is dropped).
    /// </summary>
    public async Task StopAsync(TimeSpan drain)
    {
        _stopping = true;

        // Claims still waiting for a slot are handed back by their own runs, at once.
        await _stop.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _reserved) > 0)
        {
            try
            {
                await _drained.Task.WaitAsync(drain, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Handed back below.
            }
        }

        var left = _running.Keys.ToList();
        if (left.Count > 0)
        {
            Logs.ClaimsHandedBack(_logger, left.Count);
            await Task.WhenAll(left.Select(HandBackAsync)).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(ClaimedActivity claimed)
    {
        using var renewal = new CancellationTokenSource();
        var renewing = RenewAsync(claimed, renewal.Token);
        var slot = false;
        try
        {
            await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
            slot = true;
            var outcome = await _run(claimed.Item).ConfigureAwait(false);
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await _settle(outcome, claimed.Delete).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!slot && _stop.IsCancellationRequested)
        {
            await HandBackAsync(claimed).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Logs.ClaimNotSettled(_logger, exception, claimed.Item.Name, claimed.Item.InstanceId, claimed.Item.TaskId);
            await HandBackAsync(claimed).ConfigureAwait(false);
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            if (slot)
            {
                _slots.Release();
            }

            _running.TryRemove(claimed, out _);
            FreeSlot();
        }
    }

    /// <summary>
    /// Moves the claim forward every half claim while the activity runs: one write per renewal, none for an activity
    /// that finishes within the first half. Ends when the row was changed or deleted by someone else (the claim ran out
    /// and another worker's episode sent the work item, or it was handed back).
    /// </summary>
    private async Task RenewAsync(ClaimedActivity claimed, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_claim / 2, _time, cancellationToken).ConfigureAwait(false);
                var renewed = OutboxClaim.Claimed(
                    claimed.Row, _time.GetUtcNow() + _claim, _sweepGrace, _worker.WorkerId);
                var etags = await _hub.Instances
                    .ExecuteBatchAsync([TableOperation.Replace(renewed, claimed.Row.ETag!)], cancellationToken)
                    .ConfigureAwait(false);
                claimed.Row = renewed with { ETag = etags[0] };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (TableConflictException)
            {
                return;
            }
            catch (Exception)
            {
                // Tried again at the next half claim; a claim that runs out meanwhile only costs a duplicate run.
            }
        }
    }

    private async Task HandBackAsync(ClaimedActivity claimed)
    {
        if (!claimed.TakeHandBack())
        {
            return;
        }

        try
        {
            _ = await _dispatcher.DispatchAsync(claimed.Row, hold: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Best effort: the claim runs out and the sweep sends the work item all the same.
            Logs.ClaimNotHandedBack(_logger, exception, claimed.Item.InstanceId);
        }
    }
}
