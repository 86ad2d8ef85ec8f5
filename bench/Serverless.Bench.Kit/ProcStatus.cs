using System.Globalization;

namespace Serverless.Bench.Kit;

/// <summary>Reads a live process's peak RSS and CPU time from /proc (Linux only).</summary>
public static class ProcStatus
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux ABI .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>VmHWM: the resident set's high-water mark, in KiB.</summary>
    public static long PeakRssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(
                    line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(),
                    CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No VmHWM in /proc/{pid}/status.");
    }

    /// <summary>User + system CPU time consumed so far, all threads, in milliseconds (10 ms resolution).</summary>
    public static double CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name (which may hold spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(
            fields[12],
            CultureInfo.InvariantCulture);
        return ticks * 1000 / ClockTicksPerSecond;
    }
}
