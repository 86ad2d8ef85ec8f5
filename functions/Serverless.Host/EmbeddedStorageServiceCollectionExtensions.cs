using Microsoft.Extensions.Options;
using Serverless.Hosting;
using Serverless.Host.Workers;
using Serverless.Storage.Sqlite;
using Serverless.Workers.Leases;
using Serverless.Workers.Queues;

namespace Serverless.Host;

/// <summary>Registers the embedded default storage: one SQLite file in the host's data directory.</summary>
internal static class EmbeddedStorageServiceCollectionExtensions
{
    public const string DatabaseFileName = "serverless.db";

    public static IServiceCollection AddEmbeddedStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        WorkerIdentity identity)
    {
        services.AddSingleton(sp =>
        {
            var environment = sp.GetRequiredService<FunctionsHostEnvironment>();
            Directory.CreateDirectory(environment.DataDirectory);
            return new SqliteStorageProvider(
                new SqliteStorageOptions
                {
                    DataSource = Path.Combine(environment.DataDirectory, DatabaseFileName),
                    // host.json's extensions.queues.maxDequeueCount (through Serverless:Queues), as on Azure.
                    Queues =
                    {
                        MaxDequeueCount = sp.GetRequiredService<IOptions<QueuePumpOptions>>().Value.MaxDequeueCount,
                        WorkerId = identity.Id,
                    },
                },
                sp.GetRequiredService<TimeProvider>());
        });
        return services.AddWorkerLease(configuration, identity, static sp =>
        {
            var sqlite = sp.GetRequiredService<SqliteStorageProvider>();
            return new HostStorageBackend("sqlite", sqlite, sqlite, sqlite);
        });
    }
}
