using DurableTask.AzureStorage;

namespace Serverless.Baseline;

/// <summary>
/// Settings of the Durable Functions storage backend (<see cref="AzureStorageOrchestrationService"/>) for a task hub of
/// its own on a private Azurite: one worker, short polling and leases, so a run starts at once and nothing idles.
/// </summary>
public static class AzureStorageTaskHubs
{
    /// <summary>
    /// Settings for a new task hub named <paramref name="prefix"/> + random letters and digits, on
    /// <paramref name="connectionString"/>, with one partition (callers may change any setting before use).
    /// </summary>
    /// <param name="connectionString">The Azurite connection string.</param>
    /// <param name="prefix">The start of the task hub name: letters and digits, starting with a letter, at most
    /// 12.</param>
    public static AzureStorageOrchestrationServiceSettings Settings(string connectionString, string prefix) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),

        // Task hub names: letters and digits, starting with a letter, at most 45 characters.
        TaskHubName = $"{prefix}{Guid.NewGuid():N}"[..20],
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
