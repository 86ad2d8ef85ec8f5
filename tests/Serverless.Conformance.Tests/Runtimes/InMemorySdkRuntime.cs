using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing.Sidecar;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Baseline;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Runtime A: the Durable Task SDK's own replay, in memory. The SDK worker replays the scenario's classes through
/// DurableTask.Core's <c>TaskOrchestrationExecutor</c> and the SDK shims; the backend is the InProcessTestHost's
/// <see cref="InMemoryOrchestrationService"/>, fresh for every run.
/// </summary>
/// <param name="dataConverter">The payload converter; the SDK's default <c>JsonDataConverter</c> when null.</param>
public sealed class InMemorySdkRuntime(DataConverter? dataConverter = null) : IOrchestrationRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public string Name => ConformanceRuntimes.SdkInMemory;

    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var service =
            new RecordingOrchestrationService<InMemoryOrchestrationService>(new InMemoryOrchestrationService());
        using var workerLogs = new ListLoggerProvider();
        await using var sidecar = await SdkSidecar.StartAsync(
            service,
            scenario.Register,
            cancellationToken,
            dataConverter,
            SdkVersioning.Client(scenario),
            SdkVersioning.Worker(scenario),
            workerLogs);
        var driver = new ScenarioDriver(sidecar.Client, service, PollInterval)
        {
            Workers = new SdkWorkerReplacement<InMemoryOrchestrationService>(sidecar, service, workerLogs),
        };
        return await driver.RunAsync(scenario, cancellationToken);
    }

    public override string ToString() => Name;
}
