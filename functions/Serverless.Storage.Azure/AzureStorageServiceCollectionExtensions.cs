using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Storage.Azure.Configuration;
using Serverless.Storage.Azure.Diagnostics;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Azure;

/// <summary>Registers the Azure Storage backend from a Functions-style connection setting.</summary>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/> (through <c>AddAzureClients</c>,
    /// so their options, retries and logging are the Azure SDK's usual ones) for the connection
    /// <paramref name="connectionName"/> of <paramref name="configuration"/>, and an <see cref="AzureStorageProvider"/>
    /// on them (also the <see cref="IStorageProvider"/>, unless one is registered). Every request both clients send,
    /// retries included, is counted by the <see cref="StorageRequestCounter"/> (backend <c>azure</c>, registered
    /// unless one is). Reads the connection at once: a missing or malformed setting fails here, naming it.
    /// </summary>
    public static IServiceCollection AddAzureStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<AzureStorageOptions>? configure = null,
        string connectionName = AzureStorageConnection.DefaultName)
    {
        var connection = AzureStorageConnection.Read(configuration, connectionName);
        services.AddAzureClients(clients =>
        {
            if (connection.ConnectionString is null)
            {
                clients.UseCredential(_ => connection.CreateCredential());
            }

            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) =>
                AzureStorageClients.CreateTableClient(
                    connection,
                    Counted(options, AzureStorageService.Table, sp),
                    credential));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) =>
                AzureStorageClients.CreateQueueClient(
                    connection,
                    Counted(Base64(options), AzureStorageService.Queue, sp),
                    credential));
        });
        services.TryAddSingleton(static sp => new StorageRequestCounter("azure", sp.GetService<IMeterFactory>()));

        services.AddSingleton(sp =>
        {
            var options = new AzureStorageOptions();
            configure?.Invoke(options);
            return new AzureStorageProvider(
                sp.GetRequiredService<TableServiceClient>(),
                sp.GetRequiredService<QueueServiceClient>(),
                options);
        });
        services.TryAddSingleton<IStorageProvider>(sp => sp.GetRequiredService<AzureStorageProvider>());
        return services;
    }

    private static TOptions Counted<TOptions>(TOptions options, AzureStorageService service, IServiceProvider sp)
        where TOptions : ClientOptions
    {
        options.AddPolicy(
            new AzureRequestCountingPolicy(service, sp.GetRequiredService<StorageRequestCounter>()),
            HttpPipelinePosition.PerRetry);
        return options;
    }

    private static QueueClientOptions Base64(QueueClientOptions options)
    {
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return options;
    }
}
