using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Host.Workers;
using Serverless.Hosting;
using Serverless.Storage;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Azure.Configuration;
using Serverless.Storage.Queues;
using Serverless.Workers.Leases;
using Serverless.Workers.Queues;

namespace Serverless.Host;

/// <summary>
/// Chooses the host's storage: Azure Storage when <c>AzureWebJobsStorage</c> is set, DynamoDB and SQS when
/// <c>Serverless:Aws:TableName</c> is, else the embedded SQLite file. Lambda mode runs on DynamoDB and SQS only.
/// </summary>
internal static class HostStorage
{
    public static IServiceCollection AddHostStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        HostingMode mode)
    {
        // The engine's queue gauges read the undecorated backend, as the health details do (every branch registers it).
        services.TryAddSingleton<IQueueAdministration>(static sp =>
            sp.GetRequiredService<HostStorageBackend>().Administration);
        var azure = AzureStorageConnection.IsConfigured(configuration);
        var aws = AwsStorageConnection.IsConfigured(configuration);
        if (azure && aws)
        {
            throw new InvalidSettingException($"Both {AzureStorageConnection.DefaultName} and " +
                $"{AwsStorageConnection.TableNameKey} are set; set one of them (or neither, for the embedded SQLite " +
                "file).");
        }

        if (mode == HostingMode.Lambda)
        {
            return services.AddLambdaStorage(configuration, azure, aws);
        }

        // One identity per process: the holder of the messages it receives and the key of its worker lease.
        var identity = WorkerIdentity.Current();

        // Each cloud's registration sits behind its feature switch, so a publish without it trims that SDK away.
        if (!azure && !aws)
        {
            services.AddEmbeddedStorage(configuration, identity);
        }
        else if (azure && HostFeatures.Azure)
        {
            services.AddAzureHostStorage(configuration, identity);
        }
        else if (aws && HostFeatures.Aws)
        {
            services.AddAwsHostStorage(configuration, identity);
        }
        else
        {
            throw new InvalidSettingException(azure
                ? HostFeatures.WithoutAzure(AzureStorageConnection.DefaultName)
                : HostFeatures.WithoutAws(AwsStorageConnection.TableNameKey));
        }

        return services.AddWriteAndSend();
    }

    // On Lambda the store is DynamoDB and SQS: an embedded file would vanish with the environment.
    private static IServiceCollection AddLambdaStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        bool azure,
        bool aws)
    {
        const string lambda = HostingModeDetector.AwsLambdaRuntimeApiKey;
        if (!aws)
        {
            throw new InvalidSettingException(!azure
                ? $"{lambda} is set (Lambda mode), which runs on DynamoDB and SQS: set " +
                    $"{AwsStorageConnection.TableNameKey} (and the queue prefix and region, docs/aws.md)."
                : $"{lambda} is set (Lambda mode), which runs on DynamoDB and SQS, not on " +
                    $"{AzureStorageConnection.DefaultName}: unset it and set {AwsStorageConnection.TableNameKey}.");
        }

        if (!HostFeatures.Aws)
        {
            throw new InvalidSettingException(HostFeatures.WithoutAws(lambda));
        }

        return services.AddAwsHostStorage(configuration, identity: null).AddWriteAndSend();
    }

    private static IServiceCollection AddWriteAndSend(this IServiceCollection services)
    {
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
