using Azure.Core;
using Microsoft.Extensions.Configuration;
using Serverless.Storage.Azure;
using Serverless.Storage.Azure.Configuration;
using Serverless.Storage.Queues;

namespace Serverless.Testing.Azurite;

/// <summary>Providers on the shared Azurite, each under a fresh name prefix so it starts with no data.</summary>
public static class AzuriteStorage
{
    /// <summary>
    /// A provider on <paramref name="azurite"/> under <paramref name="prefix"/> (fresh when absent); with
    /// <paramref name="fakeTime"/>, Azurite's clock follows it; with <paramref name="recordReceiptsOnReceive"/>, its
    /// workers write every receipt to the ledger at the receive.
    /// </summary>
    public static AzureStorageProvider CreateProvider(
        AzuriteFixture azurite,
        TimeProvider? fakeTime = null,
        QueueOptions? queueOptions = null,
        string? prefix = null,
        bool recordReceiptsOnReceive = false)
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
            new AzureStorageOptions
            {
                NamePrefix = prefix ?? UniquePrefix(),
                Queues = queueOptions ?? new QueueOptions(),
                RecordReceiptsOnReceive = recordReceiptsOnReceive,
            });
    }

    /// <summary>A name prefix no other test uses.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
