using System.Diagnostics.Metrics;
using Serverless.Orders.Ordering;
using Serverless.Orders.Saga;
using Serverless.Storage.Diagnostics;

namespace Serverless.Orders.Diagnostics;

/// <summary>
/// The order function set's metrics, on the meter <see cref="MeterName"/> (docs/observability.md lists each
/// instrument). Every fact is counted once, by the order store where the order's row changes under its ETag: never in
/// orchestrator code, and never by an activity that may run again, so a retried or replayed step counts nothing
/// twice. <c>orders.compensating</c> is read from the store (see <see cref="OrdersMetricsOptions"/>), so it holds
/// across restarts and processes.
/// </summary>
public sealed class OrdersMetrics : IDisposable
{
    /// <summary>The meter's name (<c>AddMeter("Serverless.Orders")</c>).</summary>
    public const string MeterName = "Serverless.Orders";

    // From a quick saga (tens of milliseconds) to one that waited a day for approval.
    private static readonly double[] SagaBuckets =
        [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400];

    private readonly Meter? _ownMeter;
    private readonly Counter<long> _placed;
    private readonly Counter<long> _confirmed;
    private readonly Counter<long> _cancelled;
    private readonly Histogram<double> _sagaDuration;
    private readonly CachedStorageReading<long>? _compensating;

    /// <summary>
    /// The instruments, on a meter from <paramref name="meterFactory"/> when given (so the host's listeners see it),
    /// else on one of their own; <c>orders.compensating</c> observes <paramref name="compensating"/> when given.
    /// </summary>
    public OrdersMetrics(IMeterFactory? meterFactory = null, CachedStorageReading<long>? compensating = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_ownMeter = new Meter(MeterName));
        _compensating = compensating;
        _placed = meter.CreateCounter<long>(
            "orders.placed",
            "{order}",
            "Orders placed: order rows created (a repeated request with the same Idempotency-Key creates none).");
        _confirmed = meter.CreateCounter<long>(
            "orders.confirmed",
            "{order}",
            "Orders confirmed: charged and their stock sold.");
        _cancelled = meter.CreateCounter<long>(
            "orders.cancelled",
            "{order}",
            "Orders cancelled, by the kind of reason (tag reason).");
        _sagaDuration = meter.CreateHistogram(
            "orders.saga.duration",
            "s",
            "From an order's placement to its final status (tag status: confirmed or cancelled).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SagaBuckets });
        meter.CreateObservableGauge(
            "orders.compensating",
            ObserveCompensating,
            "{order}",
            "Orders being undone now (status Compensating) in the whole store, as last read: the same value from "
            + "every process.");
    }

    /// <summary>Counts an order row created.</summary>
    internal void Placed() => _placed.Add(1);

    /// <summary>
    /// Counts an order that became <paramref name="status"/> (confirmed or cancelled, for
    /// <paramref name="reason"/>) after <paramref name="took"/> since it was placed; other statuses count nothing.
    /// </summary>
    internal void Settled(OrderStatus status, string? reason, TimeSpan took)
    {
        string outcome;
        if (status == OrderStatus.Confirmed)
        {
            _confirmed.Add(1);
            outcome = "confirmed";
        }
        else if (status == OrderStatus.Cancelled)
        {
            if (_cancelled.Enabled)
            {
                _cancelled.Add(1, new KeyValuePair<string, object?>("reason", CancellationReasons.KindOf(reason)));
            }

            outcome = "cancelled";
        }
        else
        {
            return;
        }

        if (_sagaDuration.Enabled)
        {
            _sagaDuration.Record(
                Math.Max(0, took.TotalSeconds),
                new KeyValuePair<string, object?>("status", outcome));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ownMeter?.Dispose();

    private IEnumerable<Measurement<long>> ObserveCompensating() =>
        _compensating is not null && _compensating.TryGet(out var count) ? [new Measurement<long>(count)] : [];
}
