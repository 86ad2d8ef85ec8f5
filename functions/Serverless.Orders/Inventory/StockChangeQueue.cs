using System.Collections.Concurrent;

namespace Serverless.Orders.Inventory;

/// <summary>
/// Combines concurrent changes to one SKU's stock in this process: while one group of changes is being applied, the
/// next ones queue, and they go together as the next group (one read of the stock row, one atomic batch). A hot SKU
/// then takes a round trip per group instead of one per order, and this process's own writers never race each other
/// for its row; the ETags still guard against other processes.
/// </summary>
internal sealed class StockChangeQueue(Func<string, IReadOnlyList<StockChange>, Task> apply)
{
    // Each change writes at most its reservation row, plus the stock row once: within a table batch's 100 operations.
    public const int MaxGroup = 64;

    private readonly ConcurrentDictionary<string, SkuQueue> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues <paramref name="change"/> to <paramref name="sku"/> and returns its outcome once applied.
    /// </summary>
    public Task<ReservationOutcome> ApplyAsync(string sku, StockChange change)
    {
        var queue = _queues.GetOrAdd(sku, static _ => new SkuQueue());
        lock (queue)
        {
            queue.Pending.Enqueue(change);
            if (queue.Draining)
            {
                return change.Outcome;
            }

            queue.Draining = true;
        }

        _ = Task.Run(() => DrainAsync(sku, queue));
        return change.Outcome;
    }

    private async Task DrainAsync(string sku, SkuQueue queue)
    {
        while (true)
        {
            var group = new List<StockChange>();
            lock (queue)
            {
                while (group.Count < MaxGroup && queue.Pending.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                if (group.Count == 0)
                {
                    queue.Draining = false;
                    return;
                }
            }

            try
            {
                await apply(sku, group).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // The group's batch did not commit (a storage fault): none of its changes happened.
                foreach (var change in group)
                {
                    change.Fail(exception);
                }
            }
        }
    }

    private sealed class SkuQueue
    {
        public Queue<StockChange> Pending { get; } = new();

        public bool Draining { get; set; }
    }
}
