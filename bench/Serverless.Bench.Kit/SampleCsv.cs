using System.Globalization;

namespace Serverless.Bench.Kit;

/// <summary>
/// Writes the samples as CSV: NAME, round, the bench's own timings (a column LABEL_ms each), peak RSS, CPU and
/// ok/failed.
/// </summary>
public static class SampleCsv
{
    public static string Write<T>(
        string path,
        IEnumerable<T> samples,
        string nameColumn,
        IReadOnlyList<string> labels)
        where T : StartSample
    {
        var rows = samples.Select(s =>
        {
            var result = s.Succeeded ? "ok" : "failed";
            var timings = string.Join(',', s.TimingsMs.Select(ms => ms.ToString("0.00", CultureInfo.InvariantCulture)));
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Name},{s.Round},{timings},{s.PeakRssMiB:0.00},{s.CpuMs:0},{result}");
        });
        var columns = string.Join(',', labels.Select(label => label + "_ms"));
        File.WriteAllLines(path, rows.Prepend($"{nameColumn},round,{columns},peak_rss_mib,cpu_ms,result"));
        return path;
    }
}
