using Serverless.Storage.Tables;
using Serverless.Storage.Workers;

namespace Serverless.Workers.Leases;

/// <summary>
/// Keeps this worker's lease (a row in <see cref="WorkerLeaseOptions.TableName"/>, renewed every heartbeat) and takes
/// over the messages of workers that died: every heartbeat, each live worker looks for leases that expired or whose
/// process has exited, and for holders without a lease, makes their messages visible again at once
/// (<see cref="IHeldMessages.ReleaseAsync"/>) and deletes their lease. Whoever notices first does it; doing it twice is
/// harmless. A starting worker does it before it receives anything, so a restarted host picks up its predecessor's
/// work.
/// </summary>
/// <remarks>
/// <para>
/// A worker receives only while <see cref="IsHeld"/>: from its first heartbeat until one heartbeat interval before its
/// lease would expire unrenewed. So a worker that was paused (SIGSTOP, a long GC, a starved VM) past its lease stops
/// handing out work the moment it runs again, until a heartbeat gives it a new lease; meanwhile what it had received
/// was released to others, with new receipts, so its late completes and abandons are refused as stale. Its table writes
/// are ETag-guarded by whoever makes them (the engine's episode commits), so a late one fails rather than applying
/// twice.
/// </para>
/// <para>
/// A live worker is never robbed: it renews long before its lease expires. Holders are read before leases, so a worker
/// seen holding messages had written its lease before it received them and is found among the leases unless it is
/// gone.
/// </para>
/// </remarks>
public sealed class WorkerLeaseKeeper
{
    private readonly ITable _leases;
    private readonly IHeldMessages _held;
    private readonly WorkerIdentity _identity;
    private readonly WorkerLeaseOptions _options;
    private readonly TimeProvider _time;
    private DateTimeOffset _startedAt;
    private long _validUntilTicks;
    private readonly NeighbourWatch _watch = new();

    /// <summary>Creates the keeper of <paramref name="identity"/>'s lease in <paramref name="leases"/>.</summary>
    public WorkerLeaseKeeper(
        ITable leases,
        IHeldMessages held,
        WorkerIdentity identity,
        WorkerLeaseOptions options,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _leases = leases;
        _held = held;
        _identity = identity;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>This worker.</summary>
    public WorkerIdentity Identity => _identity;

    /// <summary>
    /// Whether this worker may receive now: its last heartbeat holds for at least one more heartbeat interval.
    /// </summary>
    public bool IsHeld => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _validUntilTicks);

    /// <summary>
    /// Called when a heartbeat finds the lease had run out (the worker was paused or starved): its messages may have
    /// been taken over.
    /// </summary>
    public Action<TimeSpan>? OnLeaseLapsed { get; init; }

    /// <summary>Called for each dead worker whose messages a check released.</summary>
    public Action<WorkerRecovery>? OnRecovered { get; init; }

    /// <summary>
    /// Writes this worker's lease (creating it again if another worker deleted it). Returns whether it had lapsed.
    /// </summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken = default)
    {
        await _leases.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var previous = Interlocked.Read(ref _validUntilTicks);
        if (_startedAt == default)
        {
            _startedAt = now;
        }

        var lease = new WorkerLeaseRecord(
            _identity.Id,
            _identity.Machine,
            _identity.ProcessId,
            _startedAt,
            now,
            now + _options.LeaseDuration)
        {
            HostKey = _identity.HostKey,
            ProcessStart = _identity.ProcessStart,
        };

        // Upsert: a worker taken over while paused writes its lease again; its released messages stay released.
        await _leases.ExecuteBatchAsync([TableOperation.Upsert(WorkerLeaseRows.ToEntity(lease))], cancellationToken)
            .ConfigureAwait(false);

        // Measured from before the write: the lease others see ends at now + duration; receiving stops a heartbeat
        // earlier.
        Interlocked.Exchange(
            ref _validUntilTicks,
            (now + _options.LeaseDuration - _options.HeartbeatInterval).UtcTicks);
        var lapsed = previous != 0 && now.UtcTicks >= previous + _options.HeartbeatInterval.Ticks;
        if (lapsed)
        {
            OnLeaseLapsed?.Invoke(now - new DateTimeOffset(previous, TimeSpan.Zero));
        }

        return lapsed;
    }

    /// <summary>
    /// Releases the messages of every worker found dead (lease expired, process exited, or holding without a lease) and
    /// deletes their leases. Returns what it did.
    /// </summary>
    public async Task<IReadOnlyList<WorkerRecovery>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var holders = await _held.ListHoldersAsync(cancellationToken).ConfigureAwait(false);
        var leases = await ListAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var recovered = new List<WorkerRecovery>();
        foreach (var lease in leases.Where(l => l.WorkerId != _identity.Id))
        {
            var reason = lease.ExpiresAt <= now ? "lease expired"
                : NeighbourWatch.IsAlive(lease) == false
                    ? "process exited"
                : null;
            if (reason is null)
            {
                continue;
            }

            var released = await _held.ReleaseAsync(lease.WorkerId, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(lease, cancellationToken).ConfigureAwait(false);
            recovered.Add(new WorkerRecovery(lease.WorkerId, reason, released));
        }

        _watch.Saw(leases.Where(l => l.WorkerId != _identity.Id));
        var leased = leases.Select(l => l.WorkerId).ToHashSet(StringComparer.Ordinal);
        foreach (var holder in holders.Where(h => h != _identity.Id && !leased.Contains(h)))
        {
            var released = await _held.ReleaseAsync(holder, cancellationToken).ConfigureAwait(false);
            recovered.Add(new WorkerRecovery(holder, "no lease", released));
        }

        foreach (var recovery in recovered)
        {
            OnRecovered?.Invoke(recovery);
        }

        return recovered;
    }

    /// <summary>The workers on this host that were alive at the last <see cref="RecoverAsync"/>.</summary>
    public IReadOnlyList<WorkerLeaseRecord> Neighbours => _watch.Neighbours;

    /// <summary>Every lease in the table, live or not yet noticed as expired.</summary>
    public async Task<IReadOnlyList<WorkerLeaseRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await _leases.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var rows = await _leases.QueryPartitionAsync(WorkerLeaseRows.Partition, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return rows.Select(WorkerLeaseRows.FromEntity).ToList();
    }

    /// <summary>
    /// Gives up this worker's lease: call once it has settled every message it received (after its pumps stopped).
    /// </summary>
    public async Task ResignAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _validUntilTicks, 0);
        await DeleteAsync(new WorkerLeaseRecord(_identity.Id, "", 0, default, default, default), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Heartbeats and checks until <paramref name="stoppingToken"/>; <paramref name="onFailed"/> hears of each failed
    /// round. The check runs beside the heartbeat, never in its way: a slow scan of other workers (many held messages,
    /// a slow store) must not let this worker's own lease lapse.
    /// </summary>
    public async Task RunAsync(Action<Exception>? onFailed, CancellationToken stoppingToken)
    {
        var check = Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RenewAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                onFailed?.Invoke(exception);
            }

            if (check.IsCompleted)
            {
                check = CheckAsync(onFailed, stoppingToken);
            }

            try
            {
                check = await WatchNeighboursAsync(check, onFailed, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await check.ConfigureAwait(false);
    }

    // Until the next heartbeat, looks every NeighbourCheckInterval whether a neighbour on this host has exited, and
    // then checks at once rather than at the heartbeat.
    private async Task<Task> WatchNeighboursAsync(
        Task check,
        Action<Exception>? onFailed,
        CancellationToken stoppingToken)
    {
        var step = _options.NeighbourCheckInterval;
        if (step <= TimeSpan.Zero)
        {
            await Task.Delay(_options.HeartbeatInterval, _time, stoppingToken).ConfigureAwait(false);
            return check;
        }

        var heartbeatAt = _time.GetUtcNow() + _options.HeartbeatInterval;
        var exited = false;
        for (var now = _time.GetUtcNow(); now < heartbeatAt; now = _time.GetUtcNow())
        {
            var wait = heartbeatAt - now;
            await Task.Delay(wait < step ? wait : step, _time, stoppingToken).ConfigureAwait(false);

            // An exit seen while a check runs may have come too late for it: checked again once it is done.
            exited |= _watch.SawExit();
            if (exited && check.IsCompleted)
            {
                exited = false;
                check = CheckAsync(onFailed, stoppingToken);
            }
        }

        return check;
    }

    private async Task CheckAsync(Action<Exception>? onFailed, CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            onFailed?.Invoke(exception);
        }
    }

    private async Task DeleteAsync(WorkerLeaseRecord lease, CancellationToken cancellationToken)
    {
        try
        {
            await _leases.ExecuteBatchAsync(
                [TableOperation.Delete(
                    WorkerLeaseRows.Partition,
                    lease.WorkerId,
                    lease.ETag ?? TableOperation.AnyETag)],
                cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TableConflictException)
        {
            // Renewed meanwhile (the worker woke up: it keeps its lease) or already deleted by another checker.
        }
    }
}
