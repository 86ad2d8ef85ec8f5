using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Durable.Engine;
using Serverless.Storage;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Retention;

/// <summary>
/// Purges finished orchestration instances (<c>Completed</c>, <c>Failed</c>, <c>Terminated</c>) last updated more than
/// <see cref="RetentionOptions.MaxAge"/> ago, a bounded batch at a time. Never purges an instance that is pending,
/// running or suspended, one whose outbox still holds undelivered messages (a sub-orchestration's result on its way to
/// its parent), or a sub-orchestration whose parent execution is still unfinished. Any number of workers may run it at
/// once on one store: each instance is purged, and counted, by exactly one of them.
/// </summary>
public sealed class HistoryRetention
{
    private readonly TaskHubStorage _hub;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the retention of the task hub <see cref="DurableTaskOptions.TaskHub"/> in <paramref name="storage"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The batch size is outside 1-1000, or retention is on with an interval of
    /// zero or less.</exception>
    public HistoryRetention(
        IStorageProvider storage,
        IOptions<DurableTaskOptions> options,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hub = new TaskHubStorage(storage, TaskHubStorage.Resolve(options.Value.TaskHub));
        _options = options.Value.Retention;
        if (_options.Validate().FirstOrDefault() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The settings in force.</summary>
    public RetentionOptions Options => _options;

    /// <summary>
    /// Instances last updated before this time have expired (now minus <see cref="RetentionOptions.MaxAge"/>).
    /// </summary>
    public DateTimeOffset Cutoff => _time.GetUtcNow() - _options.MaxAge;

    /// <summary>
    /// Runs batches until every instance has been looked at once. Purges nothing when retention is off
    /// (<see cref="RetentionOptions.Enabled"/>).
    /// </summary>
    public async Task<RetentionPass> RunPassAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return new RetentionPass(0, 0);
        }

        var cutoff = Cutoff;
        var (batches, purged) = (0, 0);
        string? continuation = null;
        do
        {
            var batch = await PurgeBatchAsync(cutoff, continuation, cancellationToken).ConfigureAwait(false);
            batches++;
            purged += batch.Purged;
            continuation = batch.ContinuationToken;
        }
        while (continuation is not null);

        if (purged > 0)
        {
            Logs.RetentionPurged(_logger, purged, batches, cutoff);
        }

        return new RetentionPass(batches, purged);
    }

    /// <summary>
    /// Reads up to <see cref="RetentionOptions.BatchSize"/> instances last updated before <paramref name="cutoff"/>,
    /// from <paramref name="continuationToken"/> on, and purges those that may go, one small transaction each.
    /// </summary>
    public async Task<RetentionBatch> PurgeBatchAsync(
        DateTimeOffset cutoff,
        string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var page = await _hub.Instances.QueryAsync(
            new TableQuery
            {
                RowKey = RowKeys.Instance,
                Filters = [new PropertyFilter("LastUpdatedAt", FilterOperator.LessThan, Timestamps.Format(cutoff))],
                Top = _options.BatchSize,
                ContinuationToken = continuationToken,
            },
            cancellationToken).ConfigureAwait(false);
        var purged = 0;
        foreach (var candidate in page.Items.Select(InstanceRow.FromEntity).Where(i => i.Status.IsTerminal()))
        {
            if (await InstancePurger.PurgeAsync(
                _hub,
                candidate.InstanceId,
                (instance, ct) => MayPurgeAsync(instance, cutoff, ct),
                cancellationToken).ConfigureAwait(false))
            {
                purged++;
            }
        }

        return new RetentionBatch(page.Items.Count, purged, page.ContinuationToken);
    }

    private async Task<bool> MayPurgeAsync(
        InstanceRow instance,
        DateTimeOffset cutoff,
        CancellationToken cancellationToken)
    {
        // Read again just before the purge: restarted (a new execution) since the query means it is no longer expired.
        if (instance.LastUpdatedAt >= cutoff)
        {
            return false;
        }

        if (instance.Parent is not { } parent)
        {
            return true;
        }

        // A sub-orchestration stays while the execution that started it is unfinished: its status is still the parent's
        // business.
        var parentEntity = await _hub.Instances.GetAsync(parent.InstanceId, RowKeys.Instance, cancellationToken)
            .ConfigureAwait(false);
        if (parentEntity is null)
        {
            return true;
        }

        var parentRow = InstanceRow.FromEntity(parentEntity);
        return parentRow.ExecutionId != parent.ExecutionId || parentRow.Status.IsTerminal();
    }
}
