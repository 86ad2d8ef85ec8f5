namespace Serverless.Bench.Kit;

/// <summary>
/// What <see cref="RoundRobin"/> measured: the samples of the measured rounds and their floor times (ms).
/// </summary>
public sealed record RoundRobinResult<T>(IReadOnlyList<T> Samples, IReadOnlyList<double> Floor)
    where T : StartSample;
