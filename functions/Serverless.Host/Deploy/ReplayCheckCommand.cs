using System.Globalization;
using Serverless.Durable.Engine;
using Serverless.Durable.Replay;
using Serverless.Hosting;
using Serverless.Storage;
using Serverless.Storage.Azure.Configuration;

namespace Serverless.Host.Deploy;

/// <summary>
/// <c>Serverless.Host replay-check [--task-hub NAME] [settings]</c>: before a deploy, replays every in-flight instance
/// with this build's orchestrators and names each one it would fail. It reads the configured store, or with
/// <c>--task-hub</c> the Durable Functions task hub of that name in the <c>AzureWebJobsStorage</c> account. Exit code 0
/// when all replay, <see cref="DivergedExitCode"/> when some would fail, 1 when the store cannot be read, 78 for a bad
/// setting.
/// </summary>
internal static class ReplayCheckCommand
{
    public const string Name = "replay-check";

    /// <summary>Some in-flight instance would fail on this build.</summary>
    public const int DivergedExitCode = 2;

    private const string TaskHubOption = "--task-hub";
    private const int Parallelism = 16;

    public static bool IsInvoked(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The command's own options taken out of <paramref name="args"/> (those after the command name); the rest are the
    /// host's settings.
    /// </summary>
    public static (string? TaskHub, string[] HostArgs) Parse(string[] args)
    {
        var at = Array.FindIndex(args, a => string.Equals(a, TaskHubOption, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return (null, args);
        }

        var taskHub = at + 1 < args.Length ? args[at + 1] : "";
        return (taskHub, [.. args[..at], .. args[Math.Min(at + 2, args.Length)..]]);
    }

    public static async Task<int> RunAsync(
        IServiceProvider services,
        string? taskHub,
        CancellationToken cancellationToken)
    {
        // The task hub first: its settings are checked before the engine's storage parses the same connection.
        var hub = taskHub is null ? null : OpenTaskHub(services.GetRequiredService<IConfiguration>(), taskHub);
        var engine = services.GetRequiredService<DurableTaskEngine>();
        var check = hub is null ? engine.CreateReplayCheck() : engine.CreateReplayCheck(hub);
        ReplayCheckReport report;
        try
        {
            report = await check.RunAsync(Parallelism, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is StorageException or NotSupportedException
            or InvalidDataException or FormatException)
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

    private static AzureDurableFunctionsTaskHub OpenTaskHub(IConfiguration configuration, string taskHub)
    {
        // Durable Functions' own rule for task hub names.
        if (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidSettingException($"{TaskHubOption} needs a Durable Functions task hub name (3-45 " +
                $"letters and digits, starting with a letter), not '{taskHub}'.");
        }

        // Folded to a constant by the AOT compiler: a publish without Azure carries none of the reader below.
        if (!HostFeatures.Azure)
        {
            throw new InvalidSettingException($"{TaskHubOption} reads Azure Storage, but this host was published " +
                "without Azure (publish it with -p:Cloud=Azure).");
        }

        if (!AzureStorageConnection.IsConfigured(configuration))
        {
            throw new InvalidSettingException($"{TaskHubOption} reads the task hub from the storage account of " +
                $"{AzureStorageConnection.DefaultName}, which is not set.");
        }

        try
        {
            return AzureDurableFunctionsTaskHub.Open(AzureStorageConnection.Read(configuration), taskHub);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException
            or ArgumentException)
        {
            throw new InvalidSettingException($"{AzureStorageConnection.DefaultName}: {exception.Message}", exception);
        }
    }

    private static string Describe(ReplayDivergence divergence)
    {
        var at = divergence.EventIndex is { } index
            ? string.Create(CultureInfo.InvariantCulture, $" at history event {index} ({divergence.RecordedEvent})")
            : string.Empty;
        return $"FAIL {divergence.InstanceId} ({divergence.Orchestrator}){at}: {divergence.Message}";
    }
}
