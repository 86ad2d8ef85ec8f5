using System.Diagnostics.CodeAnalysis;
using Serverless.Storage;
using Serverless.Storage.Azure.Configuration;
using Serverless.Workers.Leases;
using Serverless.Workers.Queues;

namespace Serverless.Host;

/// <summary>
/// Chooses the host's storage: Azure Storage when <c>AzureWebJobsStorage</c> is set, else the embedded SQLite file.
/// </summary>
internal static class HostStorage
{
    /// <summary>
    /// The feature switch a build without the Azure SDK sets to false (<c>dotnet publish -p:AzureStorage=false</c>).
    /// </summary>
    public const string AzureStorageSwitch = "Serverless.Host.AzureStorage";

    /// <summary>
    /// Whether this build can use Azure Storage. Native AOT folds it to a constant, so a build with the switch off
    /// carries none of the Azure SDK (a smaller binary that starts with less to map).
    /// </summary>
    [FeatureSwitchDefinition(AzureStorageSwitch)]
    private static bool AzureStorageSupported =>
        !AppContext.TryGetSwitch(AzureStorageSwitch, out var enabled) || enabled;

    public static IServiceCollection AddHostStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // One identity per process: the holder of the messages it receives and the key of its worker lease.
        var identity = WorkerIdentity.Current();
        if (!AzureStorageConnection.IsConfigured(configuration))
        {
            services.AddEmbeddedStorage(configuration, identity);
        }
        else if (AzureStorageSupported)
        {
            services.AddAzureHostStorage(configuration, identity);
        }
        else
        {
            throw new InvalidOperationException(
                $"{AzureStorageConnection.DefaultName} is set, but this host was built without Azure Storage " +
                "(-p:AzureStorage=false). Unset it to use the embedded SQLite file, or use a build with Azure " +
                "Storage.");
        }

        // The domain's writes follow the engine's rule (EpisodeCommitter.For): where the store is one transaction
        // (SQLite), a write and its messages commit together and go to this process's free pump slots; elsewhere the
        // messages are sent first and the write follows (a crash in between sends again, with the same ids).
        return services.AddSingleton<IWriteAndSend>(sp =>
        {
            var storage = sp.GetRequiredService<IStorageProvider>();
            return storage.AsTransactional() is { } transactional
                ? new TransactionalWriteAndSend(
                    transactional, sp.GetRequiredService<LocalQueueWorkers>(), sp.GetRequiredService<TimeProvider>())
                : new SequentialWriteAndSend(storage);
        });
    }
}
