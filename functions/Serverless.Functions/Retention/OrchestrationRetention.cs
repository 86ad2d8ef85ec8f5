using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace Serverless.Functions.Retention;

/// <summary>
/// The Function App's retention: purges Durable Functions instances that finished (<c>Completed</c>, <c>Failed</c>,
/// <c>Terminated</c>) and were created more than <see cref="MaxAge"/> ago, through the SDK's
/// <see cref="DurableTaskClient.PurgeAllInstancesAsync(PurgeInstancesFilter, CancellationToken)"/>, one creation-time
/// window at a time, each window narrowed until it holds at most <see cref="BatchSize"/> such instances (the SDK's
/// filter has no count limit, so the window is the bound). Orchestration state only: orders, stock and payments stay.
/// </summary>
public sealed class OrchestrationRetention
{
    /// <summary>The app setting (<c>Durable__Retention__MaxAge</c>) the local host reads too.</summary>
    public const string MaxAgeSetting = "Durable:Retention:MaxAge";

    /// <summary>The default <see cref="MaxAge"/>: a week.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(7);

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private static readonly TimeSpan FirstWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan NarrowestWindow = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan WidestWindow = TimeSpan.FromDays(3650);

    private readonly TimeProvider _time;

    /// <summary>Creates the retention; a <paramref name="maxAge"/> of zero or less turns it off.</summary>
    public OrchestrationRetention(TimeSpan maxAge, TimeProvider? timeProvider = null, int batchSize = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        MaxAge = maxAge;
        BatchSize = batchSize;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long after its creation a finished instance is kept; zero or less: kept until purged by hand.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>The most instances one purge call is meant to delete.</summary>
    public int BatchSize { get; }

    /// <summary>Whether retention runs (<see cref="MaxAge"/> above zero).</summary>
    public bool Enabled => MaxAge > TimeSpan.Zero;

    /// <summary>
    /// Reads <see cref="MaxAgeSetting"/> (a <see cref="TimeSpan"/> such as <c>7.00:00:00</c>; <c>0</c> turns retention off;
    /// unset: <see cref="DefaultMaxAge"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting is not a time span.</exception>
    public static OrchestrationRetention FromConfiguration(IConfiguration configuration, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[MaxAgeSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new OrchestrationRetention(DefaultMaxAge, timeProvider);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var maxAge)
            ? new OrchestrationRetention(maxAge, timeProvider)
            : throw new InvalidOperationException($"{MaxAgeSetting} is '{text}', not a time span (e.g. 7.00:00:00; 0 turns retention off).");
    }

    /// <summary>
    /// Purges every finished instance created before now minus <see cref="MaxAge"/>, newest window first, until none is
    /// left. Safe to run while another run purges too: a purge of what is already gone deletes nothing.
    /// </summary>
    public async Task<RetentionRun> PurgeExpiredAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Enabled)
        {
            return new RetentionRun(0, 0);
        }

        var to = _time.GetUtcNow() - MaxAge;
        var width = FirstWindow;
        var (batches, purged) = (0, 0);
        while (await CountAsync(client, null, to, 1, cancellationToken).ConfigureAwait(false) > 0)
        {
            var count = await CountAsync(client, to - width, to, BatchSize + 1, cancellationToken).ConfigureAwait(false);
            while (count > BatchSize && width > NarrowestWindow)
            {
                width /= 2;
                count = await CountAsync(client, to - width, to, BatchSize + 1, cancellationToken).ConfigureAwait(false);
            }

            var from = to - width;
            if (count > 0)
            {
                var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, Finished), cancellationToken).ConfigureAwait(false);
                purged += result.PurgedInstanceCount;
                batches++;
            }

            to = from;
            if (count <= BatchSize / 2 && width < WidestWindow)
            {
                // Sparse: look further back at once next time.
                width *= 2;
            }
        }

        return new RetentionRun(batches, purged);
    }

    private static async Task<int> CountAsync(DurableTaskClient client, DateTimeOffset? from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var count = 0;
        var query = new OrchestrationQuery { CreatedFrom = from, CreatedTo = to, Statuses = Finished, PageSize = Math.Min(limit, 1000) };
        await foreach (var _ in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (++count >= limit)
            {
                break;
            }
        }

        return count;
    }
}
