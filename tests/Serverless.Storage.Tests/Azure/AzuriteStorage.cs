using Azure.Core;
using Microsoft.Extensions.Configuration;
using Serverless.Storage.Azure;
using Serverless.Storage.Azure.Configuration;
using Serverless.Storage.Queues;
using Serverless.Testing.Azurite;

namespace Serverless.Storage.Tests.Azure;

/// <summary>Providers on the shared Azurite, each under a fresh name prefix so it starts with no data.</summary>
internal static class AzuriteStorage
{
    public static AzureStorageProvider CreateProvider(AzuriteFixture azurite, TimeProvider? fakeTime = null, QueueOptions? queueOptions = null, string? prefix = null)
    {
        var connection = AzureStorageConnection.Read(new ConfigurationBuilder()
            .AddInMemoryCollection([new(AzureStorageConnection.DefaultName, azurite.ConnectionString)])
            .Build());
        var tableOptions = AzureStorageClients.TableOptions();
        var queueClientOptions = AzureStorageClients.QueueOptions();
        if (fakeTime is not null)
        {
            tableOptions.AddPolicy(new AzuriteClockPolicy(fakeTime), HttpPipelinePosition.PerCall);
            queueClientOptions.AddPolicy(new AzuriteClockPolicy(fakeTime), HttpPipelinePosition.PerCall);
        }

        return new AzureStorageProvider(
            AzureStorageClients.CreateTableClient(connection, tableOptions),
            AzureStorageClients.CreateQueueClient(connection, queueClientOptions),
            new AzureStorageOptions { NamePrefix = prefix ?? UniquePrefix(), Queues = queueOptions ?? new QueueOptions() });
    }

    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
