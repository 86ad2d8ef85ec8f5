using System.Globalization;
using System.Runtime.InteropServices;

namespace Serverless.Bench.Kit;

/// <summary>The pieces of a report's header: the machine, the --env variables and the command that ran it.</summary>
public static class ReportHeader
{
    /// <summary>When and where: <c>yyyy-MM-dd HH:mm UTC; N cores, OS, .NET VERSION</c>.</summary>
    public static string Machine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}");

    /// <summary><c>; env NAME=VALUE FLAVOUR:NAME=VALUE ...</c>, or empty without --env.</summary>
    public static string Variables(CommonOptions options) =>
        options.Environment.Count == 0 && options.FlavorEnvironment.Count == 0
            ? ""
            : "; env " + string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}")
                .Concat(options.FlavorEnvironment.SelectMany(f => f.Value.Select(e => $"{f.Key}:{e.Key}={e.Value}"))));

    /// <summary>The line that says how to run it again, on a line of its own.</summary>
    public static string Command(string bench, string[] args) =>
        $"{Environment.NewLine}Command: `dotnet run --project bench/{bench} -c Release -- {string.Join(' ', args)}`";
}
