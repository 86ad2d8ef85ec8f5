namespace Serverless.Bench.FunctionApp;

/// <summary>
/// One start of one variant: milliseconds from exec to the accepted connection and to the HTTP/2 preface, the peak
/// RSS and CPU time at that point.
/// </summary>
internal sealed record WorkerSample(
    string Variant,
    int Round,
    double ConnectMs,
    double PrefaceMs,
    double PeakRssMiB,
    double CpuMs,
    string? Failure = null)
{
    public bool Succeeded => Failure is null;

    public static WorkerSample Failed(string variant, int round, string failure) =>
        new(variant, round, double.NaN, double.NaN, double.NaN, double.NaN, failure);
}
