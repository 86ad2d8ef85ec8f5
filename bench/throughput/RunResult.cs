using Serverless.Bench.Kit;

namespace Serverless.Bench.Throughput;

/// <summary>One measured run: a row of the report. NaN (or -1 for sizes) where a measure does not apply.</summary>
internal sealed record RunResult(
    string Flavor,
    string Mode,
    int Orders,
    int Confirmed,
    double AcceptedPerSecond,
    double SagasPerSecond,
    double PostP50Ms,
    double PostP99Ms,
    double SagaP50Ms,
    double SagaP99Ms,
    double CpuSecondsPer1000Sagas,
    double PeakRssMiB,
    long PeakDatabaseBytes,
    long PeakWalBytes,
    long FinalDatabaseBytes,
    long FinalWalBytes,
    IReadOnlyList<string> Violations)
{
    /// <summary>
    /// The machine's 1-minute load average when the run ended (2 shared cores: anything above 2 is contention).
    /// </summary>
    public double LoadAverage { get; init; } = LoadAverages.OneMinute();

    /// <summary>
    /// Storage requests the host sent from just before the first order to the moment the last was seen final, per
    /// confirmed saga (NaN where the host does not count them).
    /// </summary>
    public double RequestsPerSaga { get; init; } = double.NaN;

    /// <summary>
    /// Storage requests per second the host sent from just before the first order to the moment the last was seen
    /// final (NaN where the host does not count them).
    /// </summary>
    public double RequestsPerSecond { get; init; } = double.NaN;

    /// <summary>
    /// CPU seconds per 1,000 confirmed sagas of the store process the bench started for this run (Azurite), over the
    /// same window as the host's (NaN without one).
    /// </summary>
    public double StoreCpuSecondsPer1000Sagas { get; init; } = double.NaN;

    /// <summary>
    /// The store process's CPU time over the window's length: 1.0 is one core busy throughout (Azurite's JavaScript
    /// runs on one thread, so near 1.0 it is saturated).
    /// </summary>
    public double StoreBusyShare { get; init; } = double.NaN;

    /// <summary>
    /// Storage requests per second the host sent with nothing to do, after the run (NaN when not measured).
    /// </summary>
    public double IdleRequestsPerSecond { get; init; } = double.NaN;

    /// <summary><see cref="RequestsPerSaga"/> per operation kind (<c>table.batch</c>, <c>queue.send</c>...).</summary>
    public IReadOnlyDictionary<string, double> RequestsPerSagaByKind { get; init; } =
        new Dictionary<string, double>();

    /// <summary><see cref="IdleRequestsPerSecond"/> per operation kind.</summary>
    public IReadOnlyDictionary<string, double> IdleRequestsPerSecondByKind { get; init; } =
        new Dictionary<string, double>();

    /// <summary>POSTs the host refused with 429 or 503 (admission control, rate limits).</summary>
    public int Refused { get; init; }

    /// <summary>Final database + WAL bytes per order placed.</summary>
    public double BytesPerOrder =>
        FinalDatabaseBytes < 0 || Orders == 0 ? double.NaN : (double)(FinalDatabaseBytes + FinalWalBytes) / Orders;

    /// <summary>Final database bytes per order placed (the WAL left out).</summary>
    public double DatabaseBytesPerOrder =>
        FinalDatabaseBytes < 0 || Orders == 0 ? double.NaN : (double)FinalDatabaseBytes / Orders;

    public bool Holds => Violations.Count == 0;

    /// <summary>
    /// The measures of a run from what it placed and the final orders: accepted/s from the first send to the last
    /// acceptance; sagas/s from the first send to the last order's <c>updatedAt</c> (its confirmation); POST latency;
    /// saga latency from each confirmed order's <c>createdAt</c> to its <c>updatedAt</c>; CPU per 1,000 confirmed
    /// sagas. Store sizes are left unknown (-1).
    /// </summary>
    public static RunResult Measure(
        string flavor,
        string mode,
        Placements placements,
        OrderView?[] final,
        double cpuMs,
        double peakRssMiB,
        IReadOnlyList<string> violations)
    {
        var accepted = placements.LatencyMs.Where(l => !double.IsNaN(l)).ToArray();
        var confirmed = final.Where(o => o?.Status == "Confirmed").Select(o => o!).ToList();
        var sagaMs = confirmed.Select(o => (o.UpdatedAt - o.CreatedAt).TotalMilliseconds).ToArray();
        var lastConfirmed = confirmed.Count == 0 ? placements.FirstSent : confirmed.Max(o => o.UpdatedAt);
        return new RunResult(
            flavor,
            mode,
            placements.Count,
            confirmed.Count,
            accepted.Length / (placements.LastAccepted - placements.FirstSent).TotalSeconds,
            confirmed.Count / (lastConfirmed - placements.FirstSent).TotalSeconds,
            Percentiles.Median(accepted),
            Percentiles.NearestRank(accepted, 99),
            Percentiles.Median(sagaMs),
            Percentiles.NearestRank(sagaMs, 99),
            confirmed.Count == 0 ? double.NaN : cpuMs / confirmed.Count,
            peakRssMiB,
            -1,
            -1,
            -1,
            -1,
            violations);
    }
}
