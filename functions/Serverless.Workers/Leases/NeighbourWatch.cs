namespace Serverless.Workers.Leases;

/// <summary>
/// Tells a worker, between its heartbeats and without a storage request, that a worker on its host may have exited:
/// one whose lease it saw at its last check, or a process of the same program that was there a moment ago (a worker
/// that started after that check). Only a hint that a full check is worth its requests now; the check decides.
/// </summary>
internal sealed class NeighbourWatch
{
    private IReadOnlyList<WorkerLeaseRecord> _neighbours = [];
    private IReadOnlySet<int> _siblings = new HashSet<int>();

    /// <summary>The workers on this host that were alive at the last check.</summary>
    public IReadOnlyList<WorkerLeaseRecord> Neighbours => Volatile.Read(ref _neighbours);

    /// <summary>Remembers which of the <paramref name="others"/> a full check read run on this host, alive.</summary>
    public void Saw(IEnumerable<WorkerLeaseRecord> others) =>
        Volatile.Write(ref _neighbours, others.Where(l => IsAlive(l) == true).ToList());

    /// <summary>Whether a known neighbour, or a process of this program, has exited since the last call.</summary>
    public bool SawExit()
    {
        var siblings = ProcessLiveness.SameProgram();
        var siblingExited = _siblings.Any(p => !siblings.Contains(p));
        _siblings = siblings;
        return siblingExited || Neighbours.Any(l => IsAlive(l) == false);
    }

    /// <summary>Whether the lease's process runs (null: cannot tell from this host).</summary>
    public static bool? IsAlive(WorkerLeaseRecord lease) =>
        ProcessLiveness.IsAlive(lease.HostKey, lease.ProcessId, lease.ProcessStart);
}
