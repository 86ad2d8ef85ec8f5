using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace Serverless.Functions.Retention;

/// <summary>
/// The Function App's retention: purges Durable Functions instances that finished (<c>Completed</c>, <c>Failed</c>,
/// <c>Terminated</c>) more than <see cref="MaxAge"/> ago, i.e. last updated before now minus <see cref="MaxAge"/>: the
/// meaning <c>Durable:Retention:MaxAge</c> has on the local host too. The SDK's purge filter knows only creation time
/// and status, so a run lists the finished instances created before the cutoff (a superset: an instance is created
/// before its last update), <see cref="BatchSize"/> a page, and purges each one last updated before the cutoff.
/// Orchestration state only: orders, stock and payments stay.
/// </summary>
public sealed class OrchestrationRetention
{
    /// <summary>The app setting (<c>Durable__Retention__MaxAge</c>) the local host reads too.</summary>
    public const string MaxAgeSetting = "Durable:Retention:MaxAge";

    /// <summary>The default <see cref="MaxAge"/>: a week.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(7);

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [
            OrchestrationRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated];

    private readonly TimeProvider _time;

    /// <summary>Creates the retention; a <paramref name="maxAge"/> of zero or less turns it off.</summary>
    public OrchestrationRetention(TimeSpan maxAge, TimeProvider? timeProvider = null, int batchSize = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        MaxAge = maxAge;
        BatchSize = batchSize;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// How long after its last update (for a finished instance, when it finished) it is kept; zero or less: kept until
    /// purged by hand.
    /// </summary>
    public TimeSpan MaxAge { get; }

    /// <summary>The most instances one batch (a page of candidates) reads and purges.</summary>
    public int BatchSize { get; }

    /// <summary>Whether retention runs (<see cref="MaxAge"/> above zero).</summary>
    public bool Enabled => MaxAge > TimeSpan.Zero;

    /// <summary>
    /// Reads <see cref="MaxAgeSetting"/> (a <see cref="TimeSpan"/> such as <c>7.00:00:00</c>; <c>0</c> turns retention
    /// off; unset: <see cref="DefaultMaxAge"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting is not a time span.</exception>
    public static OrchestrationRetention FromConfiguration(
        IConfiguration configuration,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[MaxAgeSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new OrchestrationRetention(DefaultMaxAge, timeProvider);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var maxAge)
            ? new OrchestrationRetention(maxAge, timeProvider)
            : throw new InvalidOperationException($"{MaxAgeSetting} is '{text}', not a time span (e.g. 7.00:00:00; 0 " +
                $"turns retention off).");
    }

    /// <summary>
    /// Purges every instance that finished before now minus <see cref="MaxAge"/>, a page at a time, until none is left.
    /// Safe to run while another run purges too: a purge of what is already gone deletes and counts nothing.
    /// </summary>
    public async Task<RetentionRun> PurgeExpiredAsync(
        DurableTaskClient client,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Enabled)
        {
            return new RetentionRun(0, 0);
        }

        var cutoff = _time.GetUtcNow() - MaxAge;
        var query = new OrchestrationQuery { CreatedTo = cutoff, Statuses = Finished, PageSize = BatchSize };
        var (batches, purged) = (0, 0);
        var pages = client.GetAllInstancesAsync(query).AsPages(pageSizeHint: BatchSize);
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var expired = page.Values.Where(instance => instance.LastUpdatedAt < cutoff).ToList();
            if (expired.Count == 0)
            {
                continue;
            }

            batches++;
            foreach (var instance in expired)
            {
                var result = await client.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken)
                    .ConfigureAwait(false);
                purged += result.PurgedInstanceCount;
            }
        }

        return new RetentionRun(batches, purged);
    }
}
