namespace Serverless.Workers.Leases;

/// <summary>How worker leases are kept and judged; bound from <c>Serverless:Workers</c> in the host.</summary>
/// <remarks>
/// The lease is what lets a dead worker's messages come back in seconds rather than after the queue's visibility
/// timeout. Shorter means faster recovery from a crash on another machine (on the same host a worker's exit is seen at
/// once, see <see cref="ProcessLiveness"/>) but more heartbeat writes and a greater chance that a worker starved of CPU
/// or storage for that long is taken over while alive, which costs duplicate work, never a duplicate effect. Expiry is
/// judged with the checker's clock against the time the holder wrote, so across machines keep it well above their
/// clock skew.
/// </remarks>
public sealed class WorkerLeaseOptions
{
    /// <summary>The table of leases (one row per live worker) in the provider's storage.</summary>
    public const string TableName = "WorkerLeases";

    /// <summary>
    /// How long a heartbeat keeps a worker's lease (default 30 s). It bounds how long a worker on another machine that
    /// died holding messages for a long visibility timeout keeps them; on Azure Storage a dead worker's messages come
    /// back within seconds by themselves anyway (they are hidden a few seconds at a time while handled).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a worker renews its lease and checks the others' (default 10 s: three storage requests each time, the
    /// larger part of an idle host's). A worker stops receiving this long before its lease would expire, so it never
    /// receives after others could have taken over; keep it under half the lease. A worker on the same machine that
    /// exits is seen sooner, see <see cref="NeighbourCheckInterval"/>.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often, between heartbeats, a worker looks whether a worker on the same host (as seen at its last check) has
    /// exited (default 1 s; zero: only at heartbeats). It reads <c>/proc</c>, never storage, so it costs an idle host
    /// no request; when one has exited, the full check runs at once. At most the heartbeat interval.
    /// </summary>
    public TimeSpan NeighbourCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Throws unless the heartbeat fits at least twice in the lease and the neighbour check at least once in the
    /// heartbeat.
    /// </summary>
    public void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero || LeaseDuration < HeartbeatInterval * 2)
        {
            throw new ArgumentException($"Serverless:Workers: HeartbeatInterval ({HeartbeatInterval}) must be " +
                $"positive and at most half of LeaseDuration ({LeaseDuration}).");
        }

        if (NeighbourCheckInterval < TimeSpan.Zero || NeighbourCheckInterval > HeartbeatInterval)
        {
            throw new ArgumentException($"Serverless:Workers: NeighbourCheckInterval ({NeighbourCheckInterval}) must " +
                $"be zero or positive and at most HeartbeatInterval ({HeartbeatInterval}).");
        }
    }
}
