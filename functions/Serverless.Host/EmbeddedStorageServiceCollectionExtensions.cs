using Microsoft.Extensions.Options;
using Serverless.Hosting;
using Serverless.Hosting.Queues;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;

namespace Serverless.Host;

/// <summary>Registers the embedded default storage: one SQLite file in the host's data directory.</summary>
internal static class EmbeddedStorageServiceCollectionExtensions
{
    public const string DatabaseFileName = "serverless.db";

    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services)
    {
        services.AddSingleton<QueueSignals>();
        services.AddSingleton(sp =>
        {
            var environment = sp.GetRequiredService<FunctionsHostEnvironment>();
            Directory.CreateDirectory(environment.DataDirectory);
            return new SqliteStorageProvider(
                new SqliteStorageOptions
                {
                    DataSource = Path.Combine(environment.DataDirectory, DatabaseFileName),
                    // host.json's extensions.queues.maxDequeueCount (through Serverless:Queues), as on Azure.
                    Queues = { MaxDequeueCount = sp.GetRequiredService<IOptions<QueuePollerOptions>>().Value.MaxDequeueCount },
                },
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IStorageProvider>(sp =>
            new SignalingStorageProvider(sp.GetRequiredService<SqliteStorageProvider>(), sp.GetRequiredService<QueueSignals>()));
        return services;
    }
}
