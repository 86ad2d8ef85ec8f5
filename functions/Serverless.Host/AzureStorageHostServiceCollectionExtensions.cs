using System.Runtime.CompilerServices;
using Serverless.Host.Workers;
using Serverless.Hosting;
using Serverless.Storage.Azure;
using Serverless.Storage.Azure.Configuration;
using Serverless.Workers.Leases;

namespace Serverless.Host;

/// <summary>
/// Registers Azure Storage (Tables + Queues) as the host's storage, when <c>AzureWebJobsStorage</c> is set.
/// </summary>
internal static class AzureStorageHostServiceCollectionExtensions
{
    /// <summary>Optional prefix of every table and queue name, for several hosts' data in one account.</summary>
    public const string NamePrefixKey = "Serverless:StorageNamePrefix";

    // Kept out of line: in the JIT and ReadyToRun flavours, the Azure SDK's assemblies load only when this runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IServiceCollection AddAzureHostStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        WorkerIdentity identity)
    {
        // The Azure SDK logs every request at Information and every 4xx at Warning, but conflicts (an ETag race, a
        // table that exists) are the storage ports' normal answers; failures reach the host's own logs as exceptions.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Error));
        CheckConnection(configuration);
        services.AddAzureStorage(configuration, options =>
        {
            options.NamePrefix = configuration[NamePrefixKey] ?? "";
            options.Queues.WorkerId = identity.Id;
        });
        var probeTimeout = HostSettings.Read(() => StorageStartupProbe.ReadTimeout(configuration));
        // First of all hosted services, so none of them meets storage that is not there yet.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp =>
        {
            var azure = sp.GetRequiredService<AzureStorageProvider>();
            return new StorageStartupProbe(
                $"Azure Storage ({AzureStorageConnection.DefaultName}: {azure.Endpoints})",
                azure.ProbeAsync,
                probeTimeout,
                sp.GetRequiredService<ILogger<StorageStartupProbe>>());
        }));
        return services.AddWorkerLease(configuration, identity, static sp =>
        {
            var azure = sp.GetRequiredService<AzureStorageProvider>();
            return new HostStorageBackend("azure", azure, azure, azure);
        });
    }

    // The SDK parses a connection string only when the first client is built, deep in the first storage call, and
    // says so with a stack trace; read here, a malformed one is one line naming the setting.
    private static void CheckConnection(IConfiguration configuration)
    {
        try
        {
            var connection = AzureStorageConnection.Read(configuration);
            if (connection.ConnectionString is not null)
            {
                _ = AzureStorageClients.CreateTableClient(connection, AzureStorageClients.TableOptions());
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException
            or ArgumentException)
        {
            throw new InvalidSettingException($"{AzureStorageConnection.DefaultName}: {exception.Message}", exception);
        }
    }
}
