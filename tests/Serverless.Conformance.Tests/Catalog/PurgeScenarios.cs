using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Catalog;

/// <summary>
/// The client's purge contract, the one retention relies on (the Function App's <c>PurgeHistory</c> on Durable
/// Functions, the engine's own retention locally): <c>PurgeAllInstancesAsync</c> with a creation-time window and the
/// finished statuses deletes the finished instances created in the window and nothing else; a purged instance is gone;
/// purging it again deletes nothing.
/// </summary>
internal static class PurgeScenarios
{
    public const string Summary = "outside window 0, other statuses 0, running kept True, purged 1, gone True, again 0";

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [
            OrchestrationRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated];

    /// <summary>
    /// A completed instance, then a running one next to it, purged through the client by window and status.
    /// </summary>
    public static Scenario PurgedOnceFinished { get; } = Scenario.Start(
        "purged-once-finished",
        Register,
        nameof(EchoOrchestrator),
        "done")
        with { AfterFinish = ProbeAsync };

    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator(nameof(EchoOrchestrator), () => new EchoOrchestrator())
        .AddOrchestrator(nameof(WaitingOrchestrator), () => new WaitingOrchestrator());

    private static async Task<string> ProbeAsync(
        DurableTaskClient client,
        string instanceId,
        CancellationToken cancellationToken)
    {
        var created = (await client.GetInstanceAsync(instanceId, cancellationToken))!.CreatedAt;
        var running = instanceId + "-running";
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(WaitingOrchestrator),
            null,
            new StartOrchestrationOptions(running),
            cancellationToken);
        await client.WaitForInstanceStartAsync(running, cancellationToken);
        var window = new PurgeInstancesFilter(
            created - TimeSpan.FromMinutes(5),
            DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5),
            Finished);

        var outside = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(created - TimeSpan.FromDays(2), created - TimeSpan.FromDays(1), Finished),
            cancellationToken);
        var otherStatuses = await client.PurgeAllInstancesAsync(
            window with { Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated] },
            cancellationToken);
        var purged = await client.PurgeAllInstancesAsync(window, cancellationToken);
        var gone = await client.GetInstanceAsync(instanceId, cancellationToken) is null;
        var runningKept = await client.GetInstanceAsync(
            running,
            cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Running };
        var again = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return $"outside window {outside.PurgedInstanceCount}, other statuses {otherStatuses.PurgedInstanceCount}, " +
            $"running kept {runningKept}, "
            + $"purged {purged.PurgedInstanceCount}, gone {gone}, again {again.PurgedInstanceCount}";
    }

    private sealed class EchoOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }

    private sealed class WaitingOrchestrator : TaskOrchestrator<string?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
            context.WaitForExternalEvent<string>("never");
    }
}
