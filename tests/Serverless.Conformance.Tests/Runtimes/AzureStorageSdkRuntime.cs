using DurableTask.AzureStorage;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Baseline;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Runtime B: the Durable Functions storage backend, <see cref="AzureStorageOrchestrationService"/>
/// (Microsoft.Azure.DurableTask.AzureStorage) against Azurite, under the SDK's sidecar, worker and client (see
/// <see cref="SdkSidecar"/>). Every run gets its own task hub, so runs share nothing but the Azurite process.
/// </summary>
/// <param name="connectionString">The Azurite connection string.</param>
public sealed class AzureStorageSdkRuntime(string connectionString) : IOrchestrationRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public string Name => ConformanceRuntimes.SdkAzureStorage;

    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var service = new RecordingOrchestrationService<AzureStorageOrchestrationService>(
            new AzureStorageOrchestrationService(AzureStorageTaskHubs.Settings(connectionString, "conf")));
        await service.CreateIfNotExistsAsync();
        using var workerLogs = new ListLoggerProvider();
        await using var sidecar = await SdkSidecar.StartAsync(
            service,
            scenario.Register,
            cancellationToken,
            configureClient: SdkVersioning.Client(scenario),
            configureWorker: SdkVersioning.Worker(scenario),
            workerLogs: workerLogs);
        var driver = new ScenarioDriver(sidecar.Client, new AzureStorageHistorySource(service), PollInterval)
        {
            Workers = new SdkWorkerReplacement<AzureStorageOrchestrationService>(sidecar, service, workerLogs),
        };
        return await driver.RunAsync(scenario, cancellationToken);
    }

    public override string ToString() => Name;
}
