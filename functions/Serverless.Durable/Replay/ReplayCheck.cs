using System.Collections.Concurrent;
using System.Diagnostics;

namespace Serverless.Durable.Replay;

/// <summary>
/// Before a deploy: replays every in-flight instance of a task hub (the engine's own, or a Durable Functions one on
/// Azure Storage) with the orchestrators of this build, and reports each one its next episode would fail as
/// non-deterministic. It only reads.
/// </summary>
public sealed class ReplayCheck
{
    private readonly IRecordedInstances _source;
    private readonly HistoryVerifier _verifier;

    internal ReplayCheck(IRecordedInstances source, HistoryVerifier verifier)
    {
        _source = source;
        _verifier = verifier;
    }

    /// <summary>Replays the in-flight instances, <paramref name="parallelism"/> at a time.</summary>
    public async Task<ReplayCheckReport> RunAsync(int parallelism = 16, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var clock = Stopwatch.StartNew();
        var divergences = new ConcurrentBag<ReplayDivergence>();
        var checkedCount = 0;
        await foreach (var page in _source.ListInFlightAsync(cancellationToken).ConfigureAwait(false))
        {
            await Parallel.ForEachAsync(
                page,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (instanceId, cancellation) =>
                {
                    if (await _source.ReadAsync(instanceId, cancellation).ConfigureAwait(false) is not { } recorded)
                    {
                        return;
                    }

                    Interlocked.Increment(ref checkedCount);
                    if (_verifier.Verify(recorded.Instance, recorded.History) is { } divergence)
                    {
                        divergences.Add(divergence);
                    }
                }).ConfigureAwait(false);
        }

        var ordered = divergences.OrderBy(d => d.InstanceId, StringComparer.Ordinal).ToList();
        return new ReplayCheckReport(checkedCount, ordered, clock.Elapsed);
    }
}
