using System.Collections.Concurrent;
using System.Diagnostics;
using Serverless.Durable.Engine;
using Serverless.Storage.Tables;

namespace Serverless.Durable.Replay;

/// <summary>
/// Before a deploy: replays every in-flight instance of the task hub (running or suspended; a pending one has no
/// history yet) with the orchestrators of this build, and reports each one its next episode would fail as
/// non-deterministic. It only reads.
/// </summary>
public sealed class ReplayCheck
{
    private const int PageSize = 1000;
    private readonly TaskHubStorage _hub;
    private readonly HistoryVerifier _verifier;

    internal ReplayCheck(TaskHubStorage hub, HistoryVerifier verifier)
    {
        _hub = hub;
        _verifier = verifier;
    }

    /// <summary>Replays the in-flight instances, <paramref name="parallelism"/> at a time.</summary>
    public async Task<ReplayCheckReport> RunAsync(int parallelism = 16, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var clock = Stopwatch.StartNew();
        var divergences = new ConcurrentBag<ReplayDivergence>();
        var checkedCount = 0;
        string? continuation = null;
        do
        {
            var page = await _hub.Instances.QueryAsync(InFlight(continuation), cancellationToken)
                .ConfigureAwait(false);
            await Parallel.ForEachAsync(
                page.Items,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (entity, cancellation) =>
                {
                    var (replayed, divergence) = await CheckAsync(entity.PartitionKey, cancellation)
                        .ConfigureAwait(false);
                    if (replayed)
                    {
                        Interlocked.Increment(ref checkedCount);
                    }

                    if (divergence is not null)
                    {
                        divergences.Add(divergence);
                    }
                }).ConfigureAwait(false);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        var ordered = divergences.OrderBy(d => d.InstanceId, StringComparer.Ordinal).ToList();
        return new ReplayCheckReport(checkedCount, ordered, clock.Elapsed);
    }

    /// <summary>
    /// Replays one instance as its partition stands now; not replayed when it finished or went away since it was
    /// listed.
    /// </summary>
    private async Task<(bool Replayed, ReplayDivergence? Divergence)> CheckAsync(
        string instanceId,
        CancellationToken cancellationToken)
    {
        var rows = await _hub.Instances.QueryPartitionAsync(instanceId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (rows.FirstOrDefault(r => r.RowKey == RowKeys.Instance) is not { } entity)
        {
            return (false, null);
        }

        var instance = InstanceRow.FromEntity(entity);
        var history = HistoryRows.Read(rows, instance.ExecutionId);
        if (instance.Status.IsTerminal() || history.Count == 0)
        {
            return (false, null);
        }

        return (true, _verifier.Verify(instance, history));
    }

    private static TableQuery InFlight(string? continuation) => new()
    {
        RowKey = RowKeys.Instance,
        AnyOf =
        [
            new PropertyFilter("Status", FilterOperator.Equal, nameof(StoredStatus.Running)),
            new PropertyFilter("Status", FilterOperator.Equal, nameof(StoredStatus.Suspended)),
        ],
        Top = PageSize,
        MaxScanned = 10 * PageSize,
        ContinuationToken = continuation,
    };
}
