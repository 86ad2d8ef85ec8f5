using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Serverless.Testing;

/// <summary>Reads what a <see cref="MetricCollector{T}"/> collected: counters' sums and gauges' observations.</summary>
public static class MetricCollectorExtensions
{
    /// <summary>
    /// The sum of all measurements, or of those tagged <paramref name="tag"/> = <paramref name="value"/>.
    /// </summary>
    public static long Sum(this MetricCollector<long> collector, string? tag = null, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(collector);
        return collector.GetMeasurementSnapshot()
            .Where(m => tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))
            .Sum(m => m.Value);
    }

    /// <summary>
    /// Observes the collector's observable instrument until one observation (every measurement of one collection)
    /// satisfies <paramref name="done"/>, and returns it. Gauges read storage in the background, so the first
    /// observations may hold nothing yet or an older reading.
    /// </summary>
    public static Task<IReadOnlyList<CollectedMeasurement<T>>> ObservedAsync<T>(
        this MetricCollector<T> collector,
        Func<IReadOnlyList<CollectedMeasurement<T>>, bool> done,
        string because)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(collector);
        return Eventually.ValueAsync(
            () =>
            {
                collector.Clear();
                collector.RecordObservableInstruments();
                return Task.FromResult(collector.GetMeasurementSnapshot());
            },
            done,
            because);
    }

    /// <summary>The value of the one measurement tagged with every (tag, value) of <paramref name="tags"/>.</summary>
    public static T? ValueOf<T>(
        this IReadOnlyList<CollectedMeasurement<T>> observation,
        params (string Tag, string Value)[] tags)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(tags);
        return observation
            .Where(m => tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Tag), t.Value)))
            .Select(m => (T?)m.Value)
            .SingleOrDefault();
    }
}
