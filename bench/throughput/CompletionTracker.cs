namespace Serverless.Bench.Throughput;

/// <summary>
/// Reads each accepted order until it is final (<c>Confirmed</c> or <c>Cancelled</c>), cheaply enough for 10,000
/// orders: only unfinished orders are read, oldest accepted first, <see cref="BatchSize"/> at a time; a batch in which
/// none had finished ends the sweep, and the next sweep starts after <see cref="Pause"/>. Sagas finish roughly in the
/// order they were placed, so nearly every read after the first few finds a final order: about one GET per order in
/// all. The measurements come from the orders' own timestamps, so how soon this notices a confirmation changes none of
/// them.
/// </summary>
internal sealed class CompletionTracker(Func<string, CancellationToken, Task<OrderView?>> read)
{
    private const int BatchSize = 16;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private int _finished;

    /// <summary>Orders seen final so far.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>
    /// Runs until every accepted order of <paramref name="placements"/> is final, or the settle deadline passes.
    /// </summary>
    /// <returns>The final view of each slot (null: never accepted, or not final by the deadline).</returns>
    public async Task<OrderView?[]> RunAsync(
        Placements placements,
        TimeSpan settleTimeout,
        CancellationToken cancellationToken)
    {
        var final = new OrderView?[placements.Count];
        var pending = new List<int>();
        DateTimeOffset? deadline = null;
        while (true)
        {
            while (placements.Accepted.TryDequeue(out var slot))
            {
                pending.Add(slot);
            }

            if (placements.Done)
            {
                deadline ??= DateTimeOffset.UtcNow + settleTimeout;
                if (placements.Accepted.IsEmpty && pending.Count == 0)
                {
                    return final;
                }

                if (DateTimeOffset.UtcNow > deadline)
                {
                    return final;
                }
            }

            var finished = await SweepAsync(placements, pending, final, cancellationToken);
            if (finished == 0)
            {
                await Task.Delay(Pause, cancellationToken);
            }
        }
    }

    private async Task<int> SweepAsync(
        Placements placements,
        List<int> pending,
        OrderView?[] final,
        CancellationToken cancellationToken)
    {
        var finished = 0;
        var index = 0;
        var batch = new Task<OrderView?>[BatchSize];
        while (index < pending.Count)
        {
            var size = Math.Min(BatchSize, pending.Count - index);
            for (var i = 0; i < size; i++)
            {
                batch[i] = read(placements.OrderIds[pending[index + i]]!, cancellationToken);
            }

            var finishedInBatch = 0;
            for (var i = 0; i < size; i++)
            {
                var view = await batch[i];
                if (view is { IsFinal: true })
                {
                    final[pending[index + i]] = view;
                    pending[index + i] = -1;
                    finishedInBatch++;
                }
            }

            finished += finishedInBatch;
            Interlocked.Add(ref _finished, finishedInBatch);
            index += size;
            if (finishedInBatch == 0)
            {
                break;
            }
        }

        pending.RemoveAll(slot => slot < 0);
        return finished;
    }
}
