using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Hosting;
using Serverless.Host.Workers;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Sqlite;
using Serverless.Workers.Leases;
using Serverless.Workers.Queues;

namespace Serverless.Host;

/// <summary>Registers the embedded default storage: one SQLite file in the host's data directory.</summary>
internal static class EmbeddedStorageServiceCollectionExtensions
{
    public static IServiceCollection AddEmbeddedStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        WorkerIdentity identity)
    {
        services.AddSingleton(static sp =>
            EmbeddedDatabaseFile.Prepare(sp.GetRequiredService<FunctionsHostEnvironment>().DataDirectory));
        services.TryAddSingleton(static sp =>
            new StorageRequestCounter("sqlite", sp.GetService<IMeterFactory>()));
        services.AddSingleton(sp => new SqliteStorageProvider(
            new SqliteStorageOptions
            {
                DataSource = sp.GetRequiredService<EmbeddedDatabaseFile>().Path,
                // host.json's extensions.queues.maxDequeueCount (through Serverless:Queues), as on Azure.
                Queues =
                {
                    MaxDequeueCount = sp.GetRequiredService<IOptions<QueuePumpOptions>>().Value.MaxDequeueCount,
                    WorkerId = identity.Id,
                },
                RequestCounter = sp.GetRequiredService<StorageRequestCounter>(),
            },
            sp.GetRequiredService<TimeProvider>()));
        return services.AddWorkerLease(configuration, identity, static sp =>
        {
            var sqlite = sp.GetRequiredService<SqliteStorageProvider>();
            return new HostStorageBackend("sqlite", sqlite, sqlite, sqlite);
        });
    }
}
