using DurableTask.AzureStorage;
using Serverless.Conformance.Tests.Scenarios;

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
        var service = new RecordingOrchestrationService<AzureStorageOrchestrationService>(new AzureStorageOrchestrationService(Settings()));
        await service.CreateIfNotExistsAsync();
        await using var sidecar = await SdkSidecar.StartAsync(service, scenario.Register, cancellationToken);
        return await new ScenarioDriver(sidecar.Client, new AzureStorageHistorySource(service), PollInterval).RunAsync(scenario, cancellationToken);
    }

    public override string ToString() => Name;

    private AzureStorageOrchestrationServiceSettings Settings() => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),

        // Task hub names: letters and digits, starting with a letter, at most 45 characters.
        TaskHubName = $"conf{Guid.NewGuid():N}"[..20],
        PartitionCount = 1,

        // The backend polls its queues with a back-off that grows to 30 s by default; tests keep it short.
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),

        // One worker owns the only partition; the app lease (for blue/green deployments) only delays the start.
        UseAppLease = false,
        LeaseAcquireInterval = TimeSpan.FromMilliseconds(200),
        LeaseRenewInterval = TimeSpan.FromSeconds(2),
        LeaseInterval = TimeSpan.FromSeconds(10),
    };
}
