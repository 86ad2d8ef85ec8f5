using System.Diagnostics;

namespace Serverless.Bench.Throughput;

/// <summary>
/// A fixed offered rate: order i is due at start + i / rate, sent then whatever earlier requests are doing, and its
/// latency counts from its due time, so a host that falls behind shows the queueing (no coordinated omission). A
/// dispatcher that wakes late sends every overdue order at once and their latencies include its lateness.
/// </summary>
internal static class OpenLoop
{
    public static async Task<double> RunAsync(
        Func<int,
        CancellationToken,
        Task<string>> place,
        Placements placements,
        int rate,
        CancellationToken cancellationToken)
    {
        var requests = new Task[placements.Count];
        var interval = (double)Stopwatch.Frequency / rate;
        placements.Start();
        var start = placements.FirstSentTimestamp;
        double lateMsMax = 0;
        for (var slot = 0; slot < placements.Count; slot++)
        {
            var due = start + (long)(slot * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            lateMsMax = Math.Max(lateMsMax, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            requests[slot] = SendAsync(place, placements, slot, due, cancellationToken);
        }

        await Task.WhenAll(requests);
        placements.Complete();
        return lateMsMax;
    }

    private static async Task SendAsync(
        Func<int,
        CancellationToken,
        Task<string>> place,
        Placements placements,
        int slot,
        long due,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var orderId = await place(slot, cancellationToken);
            placements.Record(slot, orderId, due);
        }
        catch (OrderRefusedException refusal)
        {
            // An arrival, not a client: a refused customer is counted and goes away (retrying every refusal would
            // offer ever more than the rate).
            placements.Refuse(refusal);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            placements.Fail(ex);
        }
    }
}
