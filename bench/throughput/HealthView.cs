namespace Serverless.Bench.Throughput;

/// <summary>The part of <c>GET /api/health/details</c> the benchmark reads.</summary>
internal sealed record HealthView(StorageRequestsView? Storage);
