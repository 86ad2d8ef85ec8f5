using System.Globalization;
using Serverless.Durable.Engine;
using Serverless.Durable.Replay;
using Serverless.Hosting;
using Serverless.Storage;

namespace Serverless.Host.Deploy;

/// <summary>
/// <c>Serverless.Host replay-check [settings]</c>: before a deploy, replays every in-flight instance of the configured
/// store with this build's orchestrators and names each one it would fail. Exit code 0 when all replay,
/// <see cref="DivergedExitCode"/> when some would fail, 1 when the store cannot be read.
/// </summary>
internal static class ReplayCheckCommand
{
    public const string Name = "replay-check";

    /// <summary>Some in-flight instance would fail on this build.</summary>
    public const int DivergedExitCode = 2;

    private const int Parallelism = 16;

    public static bool IsInvoked(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<DurableTaskEngine>();
        ReplayCheckReport report;
        try
        {
            report = await engine.CreateReplayCheck().RunAsync(Parallelism, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException exception)
        {
            throw new UnavailableResourceException($"The replay check could not read the store: {exception.Message}",
                exception);
        }

        foreach (var divergence in report.Divergences)
        {
            Console.WriteLine(Describe(divergence));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Checked} in-flight instances replayed in {report.Elapsed.TotalSeconds:0.0} s: " +
                $"{(report.Passed ? "all replay" : $"{report.Divergences.Count} would fail")}."));
        return report.Passed ? 0 : DivergedExitCode;
    }

    private static string Describe(ReplayDivergence divergence)
    {
        var at = divergence.EventIndex is { } index
            ? string.Create(CultureInfo.InvariantCulture, $" at history event {index} ({divergence.RecordedEvent})")
            : string.Empty;
        return $"FAIL {divergence.InstanceId} ({divergence.Orchestrator}){at}: {divergence.Message}";
    }
}
