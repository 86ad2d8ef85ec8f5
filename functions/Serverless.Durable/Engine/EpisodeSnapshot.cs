using Serverless.Durable.History;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

/// <summary>
/// What an episode read of one instance partition: the instance row (none after a purge) and, unless
/// <see cref="InboxUnread"/>, its inbox; on a whole read also its history and leftover outbox rows; on a read of a
/// cached execution, that execution.
/// </summary>
internal sealed class EpisodeSnapshot
{
    public EpisodeSnapshot(
        string instanceId, IReadOnlyList<TableEntity> rows, TableEntity? instance, CachedExecution? cached)
    {
        InstanceId = instanceId;
        Rows = rows;
        Cached = cached;
        Instance = instance is null ? null : InstanceRow.FromEntity(instance);
        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(RowKeys.InboxPrefix, StringComparison.Ordinal))
            {
                Inbox.Add(InboxRow.FromEntity(row));
            }
        }
    }

    /// <summary>
    /// An episode of <paramref name="cached"/> that reads nothing (for an outcome applied straight from its sender):
    /// the instance row as its last commit here wrote it, which the episode's ETag-guarded commit proves still current.
    /// </summary>
    public static EpisodeSnapshot OfCached(string instanceId, CachedExecution cached) =>
        new(instanceId, [cached.Instance], cached.Instance, cached) { InboxUnread = true };

    public string InstanceId { get; }

    /// <summary>The rows read, in row-key order.</summary>
    public IReadOnlyList<TableEntity> Rows { get; }

    public InstanceRow? Instance { get; private set; }

    /// <summary>The inbox messages, in row-key order (plus an outcome applied straight from its sender).</summary>
    public List<InboxRow> Inbox { get; } = [];

    /// <summary>The execution this process kept, while the instance row has the ETag its last commit left.</summary>
    public CachedExecution? Cached { get; }

    /// <summary>
    /// Whether the inbox was not read (for an outcome applied straight from its sender): messages waiting in it are
    /// unknown to the episode, and each is applied by the wake-up it came with.
    /// </summary>
    public bool InboxUnread { get; init; }

    /// <summary>
    /// The delete of the claimed outbox row whose activity's outcome the episode applies straight from this process.
    /// </summary>
    public TableOperation? SettlesClaim { get; set; }

    /// <summary>
    /// Gives an instance that has no stored trace context (started before contexts were stored) the context of
    /// <paramref name="episode"/>, so this episode's commit stores it and the instance's later spans join its trace.
    /// </summary>
    public void AdoptTrace(StoredTrace? episode)
    {
        if (Instance is { TraceParent: null } instance && episode is not null)
        {
            Instance = instance with { TraceParent = episode.TraceParent, TraceState = episode.TraceState };
        }
    }

    /// <summary>The instance row among <paramref name="rows"/>, if any.</summary>
    public static TableEntity? FindInstance(IReadOnlyList<TableEntity> rows)
    {
        foreach (var row in rows)
        {
            if (row.RowKey == RowKeys.Instance)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The current execution's history: the cached one, else the one read.</summary>
    public List<StoredHistoryEvent> ReadPast() => Cached?.Past ?? HistoryRows.Read(Rows, Instance!.ExecutionId);

    /// <summary>Deletes of every inbox row: messages that arrived after a purge can never be applied.</summary>
    public List<TableOperation> InboxDeletes() =>
        Inbox.Select(m => TableOperation.Delete(InstanceId, m.RowKey, m.ETag!)).ToList();

    /// <summary>
    /// The messages the episode decides over, as of <paramref name="now"/>, and the rows it cleans up; idle when there
    /// is nothing to decide (yet): a finished instance, nothing ready, or a start scheduled for later.
    /// </summary>
    public EpisodeWork Select(DateTimeOffset now)
    {
        var instance = Instance!;
        var finished = instance.Status.IsTerminal();
        var stale = StaleRows(instance, finished);
        if (finished)
        {
            return EpisodeWork.Idle(stale);
        }

        var pending = Inbox.Where(m => m.IsFor(instance.ExecutionId)).ToList();
        var ready = pending
            .Where(m => m.ReadyAt <= now)
            .OrderBy(m => m.ReadyAt)
            .ThenBy(m => m.RowKey, StringComparer.Ordinal)
            .ToList();

        // A start scheduled for later waits for its time; whatever reaches it before then waits in its inbox, but a
        // terminate.
        var notYetStarted =
            instance.Status == StoredStatus.Pending && instance.NextWakeAt is { } startAt && startAt > now;
        ready = ApplicableNow(ready, instance.Status == StoredStatus.Suspended);
        if ((notYetStarted && !ready.Any(m => m.Event.Type == HistoryEventType.ExecutionTerminated)) ||
            (ready.Count == 0 && instance.Status != StoredStatus.Pending))
        {
            // Nothing to decide (yet), but rows of an earlier execution still go, so the sweep does not keep finding
            // them.
            return EpisodeWork.Idle(notYetStarted ? [] : stale);
        }

        return new EpisodeWork(ready, pending, stale);
    }

    /// <summary>History rows of earlier executions, and inbox rows no episode will apply.</summary>
    private List<TableOperation> StaleRows(InstanceRow instance, bool finished)
    {
        var stale = new List<TableOperation>();
        var current = RowKeys.HistoryOf(instance.ExecutionId);
        foreach (var row in Rows)
        {
            if (row.RowKey.StartsWith(RowKeys.HistoryPrefix, StringComparison.Ordinal) &&
                !row.RowKey.StartsWith(current, StringComparison.Ordinal))
            {
                stale.Add(TableOperation.Delete(row.PartitionKey, row.RowKey, row.ETag!));
            }
        }

        foreach (var message in Inbox)
        {
            if (finished || !message.IsFor(instance.ExecutionId))
            {
                stale.Add(TableOperation.Delete(InstanceId, message.RowKey, message.ETag!));
            }
        }

        return stale;
    }

    /// <summary>
    /// The ready messages the episode may apply: all of them, but from a suspend on only suspend, resume and terminate
    /// requests until a resume; the rest wait in the inbox, in order.
    /// </summary>
    private static List<InboxRow> ApplicableNow(List<InboxRow> ready, bool suspended)
    {
        var applicable = new List<InboxRow>(ready.Count);
        foreach (var message in ready)
        {
            if (message.IsControl || !suspended)
            {
                applicable.Add(message);
            }

            suspended = message.Event.Type switch
            {
                HistoryEventType.ExecutionSuspended => true,
                HistoryEventType.ExecutionResumed => false,
                _ => suspended,
            };
        }

        return applicable;
    }
}
