using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Serverless.Storage.Diagnostics;

/// <summary>
/// Counts the requests a storage backend makes, by operation kind (<see cref="StorageOperationKinds"/>): as the
/// <see cref="InstrumentName"/> counter of the <see cref="MeterName"/> meter, tagged <c>backend</c> and
/// <c>operation</c>, and as running totals since this process started (<see cref="Snapshot"/>), which the host's
/// health details report. Requests are what cloud storage bills, and what bounds a single-process emulator's
/// throughput, so they are counted where they are sent: retries included.
/// </summary>
public sealed class StorageRequestCounter : IDisposable
{
    /// <summary>The name of the meter the counter belongs to.</summary>
    public const string MeterName = "Serverless.Storage";

    /// <summary>The name of the counter instrument.</summary>
    public const string InstrumentName = "serverless.storage.requests";

    private readonly ConcurrentDictionary<string, StrongBox<long>> _totals = new(StringComparer.Ordinal);
    private readonly Meter? _ownMeter;
    private readonly Counter<long> _requests;
    private readonly KeyValuePair<string, object?> _backendTag;

    /// <summary>
    /// A counter for <paramref name="backend"/> (e.g. <c>azure</c>, <c>sqlite</c>), its meter created by
    /// <paramref name="meterFactory"/> when given (so the host's metrics see it), else owned by this counter.
    /// </summary>
    public StorageRequestCounter(string backend, IMeterFactory? meterFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(backend);
        Backend = backend;
        var meter = meterFactory?.Create(MeterName) ?? (_ownMeter = new Meter(MeterName));
        _requests = meter.CreateCounter<long>(
            InstrumentName,
            unit: "{request}",
            description: "Requests sent to storage, by backend and operation kind.");
        _backendTag = new("backend", backend);
    }

    /// <summary>The backend this counter counts for.</summary>
    public string Backend { get; }

    /// <summary>All requests counted since this counter was created.</summary>
    public long Total => _totals.Values.Sum(total => Interlocked.Read(ref total.Value));

    /// <summary>Counts <paramref name="requests"/> requests of kind <paramref name="operation"/>.</summary>
    public void Count(string operation, long requests = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        Interlocked.Add(ref _totals.GetOrAdd(operation, static _ => new StrongBox<long>()).Value, requests);
        _requests.Add(requests, _backendTag, new("operation", operation));
    }

    /// <summary>The requests counted so far per operation kind (kinds never seen are absent), by kind.</summary>
    public SortedDictionary<string, long> Snapshot()
    {
        var snapshot = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (operation, total) in _totals)
        {
            snapshot[operation] = Interlocked.Read(ref total.Value);
        }

        return snapshot;
    }

    /// <inheritdoc />
    public void Dispose() => _ownMeter?.Dispose();
}
