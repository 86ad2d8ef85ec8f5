using System.Globalization;

namespace Serverless.Workers.Leases;

/// <summary>
/// Who a worker process is: a unique id (also the holder recorded on the messages it receives) and, where the operating
/// system lets a neighbour check it, how to tell whether the process still exists (see <see cref="ProcessLiveness"/>).
/// </summary>
/// <param name="Id">Unique per process start: machine, process id and a random suffix.</param>
/// <param name="Machine">The machine name.</param>
/// <param name="ProcessId">The operating system's process id.</param>
/// <param name="HostKey">Identifies the process-id namespace the process runs in; <see langword="null"/> where
/// unknown.</param>
/// <param name="ProcessStart">The process's start mark in that namespace (so a reused process id is not mistaken for
/// it).</param>
public sealed record WorkerIdentity(string Id, string Machine, int ProcessId, string? HostKey, string? ProcessStart)
{
    /// <summary>The identity of the current process.</summary>
    public static WorkerIdentity Current()
    {
        var machine = Environment.MachineName;
        var processId = Environment.ProcessId;
        var id = string.Create(
            CultureInfo.InvariantCulture,
            $"{machine.ToLowerInvariant()}-{processId}-{Guid.NewGuid().ToString("N")[..8]}");
        return new WorkerIdentity(
            id,
            machine,
            processId,
            ProcessLiveness.CurrentHostKey(),
            ProcessLiveness.StartMark(processId));
    }
}
