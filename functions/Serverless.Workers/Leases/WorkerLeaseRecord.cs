namespace Serverless.Workers.Leases;

/// <summary>
/// A worker's lease as stored: who it is, since when it runs, and until when its last heartbeat holds.
/// </summary>
/// <param name="WorkerId">The worker's id (the holder recorded on its messages).</param>
/// <param name="Machine">Its machine name.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="StartedAt">When it first took its lease.</param>
/// <param name="RenewedAt">Its last heartbeat.</param>
/// <param name="ExpiresAt">When the lease runs out without another heartbeat.</param>
public sealed record WorkerLeaseRecord(
    string WorkerId,
    string Machine,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset RenewedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The row's version (for a guarded delete).</summary>
    public string? ETag { get; init; }

    /// <summary>The holder's pid-namespace key, for <see cref="ProcessLiveness.IsAlive"/>.</summary>
    public string? HostKey { get; init; }

    /// <summary>The holder's process start mark, for <see cref="ProcessLiveness.IsAlive"/>.</summary>
    public string? ProcessStart { get; init; }
}
