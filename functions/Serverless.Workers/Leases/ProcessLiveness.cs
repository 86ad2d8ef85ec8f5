namespace Serverless.Workers.Leases;

/// <summary>
/// Tells at once whether a worker on the same host has exited, so that a restarted or neighbouring process takes over
/// its messages without waiting for its lease to expire. Linux only (<c>/proc</c>); elsewhere, and for workers on other
/// hosts, the answer is "unknown" and the lease's expiry decides.
/// </summary>
/// <remarks>
/// "Same host" means the same process-id namespace: the machine name, the kernel's boot id and the pid namespace must
/// all match, so containers with their own pid namespace never judge each other by process id. A process counts as
/// alive while <c>/proc/&lt;pid&gt;/stat</c> shows the same start time and it is not a zombie; a stopped (SIGSTOP)
/// process is alive, and only its lease's expiry lets others take its work.
/// </remarks>
public static class ProcessLiveness
{
    private static readonly Lazy<string?> HostKey = new(ReadHostKey);

    /// <summary>
    /// The key of this process's pid namespace, or <see langword="null"/> where processes cannot be checked.
    /// </summary>
    public static string? CurrentHostKey() => HostKey.Value;

    private static string? ReadHostKey()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var bootId = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            var pidNamespace = new FileInfo("/proc/self/ns/pid").LinkTarget;
            return pidNamespace is null ? null : $"{Environment.MachineName}/{bootId}/{pidNamespace}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The start time of process <paramref name="processId"/> in clock ticks since boot, or <see langword="null"/>.
    /// </summary>
    public static string? StartMark(int processId) => ReadStat(processId) is { } stat ? stat.Start : null;

    /// <summary>
    /// <see langword="false"/> when the worker's process is known to have exited, <see langword="true"/> when it
    /// exists, <see langword="null"/> when this process cannot tell (another host, another pid namespace, not Linux).
    /// </summary>
    public static bool? IsAlive(string? hostKey, int processId, string? processStart)
    {
        if (hostKey is null || processStart is null || hostKey != CurrentHostKey())
        {
            return null;
        }

        return ReadStat(processId) is { } stat && stat.Start == processStart && stat.State is not ('Z' or 'X' or 'x');
    }

    /// <summary>
    /// The other live processes of this host that run the same program as this one (by the kernel's command name), or
    /// an empty set where processes cannot be listed. A hint of who might be a neighbour worker, never a judgement:
    /// leases and <see cref="IsAlive"/> decide.
    /// </summary>
    public static IReadOnlySet<int> SameProgram()
    {
        var self = Environment.ProcessId;
        if (CurrentHostKey() is null || ReadStat(self) is not { } own)
        {
            return new HashSet<int>();
        }

        var found = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var processId)
                && processId != self
                && ReadStat(processId) is { } stat
                && stat.Command == own.Command
                && stat.State is not ('Z' or 'X' or 'x'))
            {
                found.Add(processId);
            }
        }

        return found;
    }

    private static (char State, string Start, string Command)? ReadStat(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime ...": comm may hold spaces and parentheses, so fields count from the
        // last ')'.
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return open >= 0 && fields.Length > 19 ? (fields[0][0], fields[19], text[(open + 1)..close]) : null;
    }
}
