using System.Diagnostics;

namespace Serverless.Bench.Throughput;

/// <summary>
/// C clients; each places its next order (<c>place(slot)</c> returns its id) as soon as the previous one was accepted,
/// until N were placed. A refused order is placed again after the <c>Retry-After</c> the host gave; its POST latency
/// counts from the first try.
/// </summary>
internal static class ClosedLoop
{
    public static async Task RunAsync(
        Func<int,
        CancellationToken,
        Task<string>> place,
        Placements placements,
        int clients,
        CancellationToken cancellationToken)
    {
        var next = -1;
        placements.Start();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int slot;
            while ((slot = Interlocked.Increment(ref next)) < placements.Count)
            {
                var sent = Stopwatch.GetTimestamp();
                while (true)
                {
                    try
                    {
                        var orderId = await place(slot, cancellationToken);
                        placements.Record(slot, orderId, sent);
                    }
                    catch (OrderRefusedException refusal)
                    {
                        // A polite client: comes back with the same order when the host said to.
                        placements.Refuse(refusal);
                        await Task.Delay(refusal.RetryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
                        continue;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        placements.Fail(ex);
                    }

                    break;
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        placements.Complete();
    }
}
