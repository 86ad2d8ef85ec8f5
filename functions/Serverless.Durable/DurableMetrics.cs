using System.Diagnostics.Metrics;
using Serverless.Durable.Engine;
using Serverless.Storage.Diagnostics;

namespace Serverless.Durable;

/// <summary>
/// The engine's metrics, on the meter <see cref="MeterName"/> (docs/observability.md lists each instrument). Episodes,
/// replays and retries are counted once an episode's commit succeeded, so an episode that lost an ETag race and was
/// decided again counts once, and a retry decided while replaying history counts nothing. The queue gauges show the
/// last reading of the task hub's queues, read in the background at most once per
/// <see cref="DurableTaskOptions.QueueMetricsInterval"/> and only while a listener collects them.
/// </summary>
public sealed class DurableMetrics : IDisposable
{
    /// <summary>The meter's name (<c>AddMeter("Serverless.Durable")</c>).</summary>
    public const string MeterName = "Serverless.Durable";

    // Activities are storage calls and gateway calls: milliseconds usually, seconds when something is slow.
    private static readonly double[] ActivityBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Meter? _ownMeter;
    private readonly Counter<long> _episodes;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _activityDuration;
    private readonly CachedStorageReading<IReadOnlyList<QueueSample>>? _queues;

    /// <summary>
    /// The instruments, on a meter from <paramref name="meterFactory"/> when given (so the host's listeners see it),
    /// else on one of their own; without queue readings, the queue gauges report nothing.
    /// </summary>
    public DurableMetrics(IMeterFactory? meterFactory = null)
        : this(meterFactory, null)
    {
    }

    internal DurableMetrics(IMeterFactory? meterFactory, CachedStorageReading<IReadOnlyList<QueueSample>>? queues)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_ownMeter = new Meter(MeterName));
        _queues = queues;
        _episodes = meter.CreateCounter<long>(
            "durable.episodes",
            "{episode}",
            "Episodes committed, by orchestrator (tag name).");
        _replays = meter.CreateCounter<long>(
            "durable.replays",
            "{episode}",
            "Committed episodes that replayed the instance's history, rather than continuing its execution held in "
            + "memory or starting it.");
        _retries = meter.CreateCounter<long>(
            "durable.activity.retries",
            "{retry}",
            "Retries of a failed activity scheduled by its retry policy or handler, by activity (tag name).");
        _activityDuration = meter.CreateHistogram(
            "durable.activity.duration",
            "s",
            "How long each run of an activity took, by activity and outcome (tags name; outcome: completed, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActivityBuckets });
        meter.CreateObservableGauge(
            "durable.queue.depth",
            ObserveDepth,
            "{message}",
            "Messages in each of the task hub's queues (tag queue), ready now or scheduled for later (tag state), as "
            + "last read: the same value from every process.");
        meter.CreateObservableGauge(
            "durable.queue.oldest_ready_age",
            ObserveOldestReadyAge,
            "s",
            "How long the longest-waiting ready message of each queue (tag queue) had waited, as last read; 0 when "
            + "none was ready.");
    }

    /// <inheritdoc />
    public void Dispose() => _ownMeter?.Dispose();

    /// <summary>Counts the committed episode <paramref name="plan"/> of orchestrator <paramref name="name"/>.</summary>
    internal void EpisodeCommitted(string name, EpisodePlan plan)
    {
        var tag = new KeyValuePair<string, object?>("name", name);
        _episodes.Add(1, tag);
        if (plan.Replayed)
        {
            _replays.Add(1, tag);
        }

        if (_retries.Enabled)
        {
            foreach (var activity in plan.Commit.Decision.Retries)
            {
                _retries.Add(1, new KeyValuePair<string, object?>("name", activity));
            }
        }
    }

    /// <summary>Records a run of the activity <paramref name="name"/> that took <paramref name="took"/>.</summary>
    internal void ActivityRan(string name, bool completed, TimeSpan took)
    {
        if (_activityDuration.Enabled)
        {
            _activityDuration.Record(
                took.TotalSeconds,
                new KeyValuePair<string, object?>("name", name),
                new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed"));
        }
    }

    private IEnumerable<Measurement<long>> ObserveDepth()
    {
        if (_queues is null || !_queues.TryGet(out var samples))
        {
            return [];
        }

        var measurements = new List<Measurement<long>>(samples.Count * 2);
        foreach (var sample in samples)
        {
            var queue = new KeyValuePair<string, object?>("queue", sample.Queue);
            measurements.Add(new(sample.Ready, queue, new KeyValuePair<string, object?>("state", "ready")));
            measurements.Add(new(sample.Scheduled, queue, new KeyValuePair<string, object?>("state", "scheduled")));
        }

        return measurements;
    }

    private IEnumerable<Measurement<double>> ObserveOldestReadyAge() =>
        _queues is not null && _queues.TryGet(out var samples)
            ? samples.Select(s => new Measurement<double>(
                s.OldestReadyAgeSeconds,
                new KeyValuePair<string, object?>("queue", s.Queue)))
            : [];
}
