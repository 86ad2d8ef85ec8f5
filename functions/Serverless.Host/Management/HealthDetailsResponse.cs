namespace Serverless.Host.Management;

/// <summary>The body of <c>GET /api/health/details</c>.</summary>
/// <param name="Status"><c>Healthy</c>; <c>Degraded</c> while any poison queue holds messages; <c>Unhealthy</c> (with
/// 503) when storage cannot be reached.</param>
/// <param name="Storage">Whether storage answered, and how fast.</param>
/// <param name="Queues">Each work queue's depth split into ready and scheduled messages, the age of its oldest ready
/// message and its poison count.</param>
/// <param name="Workers">The worker leases in storage: the live processes sharing the work (and any dead one not yet
/// noticed).</param>
internal sealed record HealthDetailsResponse(
    string Status,
    StorageHealth Storage,
    List<QueueHealth> Queues,
    List<WorkerHealth> Workers);
