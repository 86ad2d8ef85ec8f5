namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The body of <c>GET /api/health/details</c>.</summary>
public sealed record HealthDetailsDto(
    string Status,
    StorageHealthDto Storage,
    IReadOnlyList<QueueHealthDto> Queues,
    IReadOnlyList<WorkerHealthDto> Workers);

/// <summary>Storage in <see cref="HealthDetailsDto"/>.</summary>
public sealed record StorageHealthDto(
    string Kind,
    bool Reachable,
    double LatencyMs,
    string? Error,
    IReadOnlyDictionary<string, long> Requests,
    long RequestsTotal);

/// <summary>One queue in <see cref="HealthDetailsDto"/>.</summary>
public sealed record QueueHealthDto(
    string Name,
    int Depth,
    int Ready,
    int Scheduled,
    double? OldestMessageAgeSeconds,
    int PoisonCount,
    bool Approximate);

/// <summary>One worker lease in <see cref="HealthDetailsDto"/>.</summary>
public sealed record WorkerHealthDto(
    string WorkerId,
    string Machine,
    int ProcessId,
    DateTimeOffset ExpiresAt,
    bool Live,
    bool Current,
    int HeldMessages,
    int? ClaimedActivities);
