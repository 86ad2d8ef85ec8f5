using System.Globalization;

namespace Serverless.Bench.Throughput;

/// <summary>The machine's load average (/proc/loadavg): how many runnable tasks competed for the cores.</summary>
internal static class LoadAverages
{
    public static double OneMinute()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text[..text.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
