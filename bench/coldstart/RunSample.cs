namespace Serverless.Bench.ColdStart;

/// <summary>One cold start of one flavour (or of the floor process): milliseconds from exec, peak RSS, CPU.</summary>
internal sealed record RunSample(
    string Flavor,
    int Round,
    double HealthMs,
    double SagaMs,
    double PeakRssMiB,
    double CpuMs,
    string? Failure = null)
{
    public bool Succeeded => Failure is null;
}
