using Serverless.Storage.Tables;

namespace Serverless.Durable.Engine;

public sealed partial class DurableTaskEngine
{
    /// <summary>
    /// Wakes every instance with work due more than <see cref="DurableTaskOptions.SweepGrace"/> ago and still not done:
    /// a start or timer past due (a start whose wake-up was lost, a timer further out than a queue message can be
    /// delayed), or a message still in its inbox (its wake-up was never sent, or failed into the poison queue); and
    /// dispatches every outbox row due as long (a dispatch cut short, a claim or hold that ran out). Returns how many
    /// instances it woke or dispatched for. Waking an instance that has nothing to do is harmless.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync().ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var cutoff = Timestamps.Format(now - _options.SweepGrace);
        var woken = new HashSet<string>(StringComparer.Ordinal);
        await WakeMatchesAsync(
            new TableQuery
            {
                RowKey = RowKeys.Instance,
                Filters = [new PropertyFilter("NextWakeAt", FilterOperator.LessThanOrEqual, cutoff)],
            },
            woken,
            now,
            cancellationToken)
            .ConfigureAwait(false);

        // Inbox and outbox rows are the source of truth and a wake-up only a signal: a row that outlived the grace lost
        // its signal. An outbox row is sent from here, not by the instance's next episode: the process that keeps the
        // execution cached reads no outbox rows, and a claim can run out while it is alive (its renewal lost).
        await WakeMatchesAsync(
            new TableQuery { Filters = [new PropertyFilter(
                InboxRow.ReadyAtProperty,
                FilterOperator.LessThanOrEqual,
                cutoff)] },
            woken,
            now,
            cancellationToken)
            .ConfigureAwait(false);

        if (woken.Count > 0)
        {
            Logs.SweepWoke(_logger, woken.Count);
        }

        return woken.Count;
    }

    private async Task WakeMatchesAsync(
        TableQuery query,
        HashSet<string> woken,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await foreach (var row in _hub.Instances.QueryAllAsync(query with { Top = 500 }, cancellationToken)
            .ConfigureAwait(false))
        {
            if (RowKeys.IsOutbox(row.RowKey))
            {
                _ = await _dispatcher.DispatchAsync(row, hold: false, cancellationToken).ConfigureAwait(false);
                woken.Add(row.PartitionKey);
            }
            else if (woken.Add(row.PartitionKey))
            {
                await _hub.WakeAsync(row.PartitionKey, now, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
