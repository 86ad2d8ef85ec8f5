using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Storage.Aws.Configuration;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws;

/// <summary>Registers the AWS backend (DynamoDB and SQS) from the settings <see cref="AwsStorageConnection"/> reads.
/// </summary>
public static class AwsStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="AwsStorageProvider"/> (also the <see cref="IStorageProvider"/>, unless one is
    /// registered) whose two clients count every request, retries included, on the <see cref="StorageRequestCounter"/>
    /// (backend <c>aws</c>, registered unless one is). Reads the settings at once: a malformed one fails here, naming
    /// it.
    /// </summary>
    public static IServiceCollection AddAwsStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<AwsStorageOptions>? configure = null)
    {
        var (tables, queues) = AwsStorageConnection.Read(configuration);
        return services.AddAwsStorage(tables, queues, configure);
    }

    /// <summary>
    /// Registers the provider as the overload that reads the settings does, on connections already read (a host that
    /// reports a malformed setting its own way reads them first).
    /// </summary>
    public static IServiceCollection AddAwsStorage(
        this IServiceCollection services,
        DynamoDbConnection tables,
        SqsConnection queues,
        Action<AwsStorageOptions>? configure = null)
    {
        services.TryAddSingleton(static sp => new StorageRequestCounter("aws", sp.GetService<IMeterFactory>()));
        services.AddSingleton(sp =>
        {
            var counter = sp.GetRequiredService<StorageRequestCounter>();
            var time = sp.GetService<TimeProvider>();
            var options = new AwsStorageOptions();
            configure?.Invoke(options);
            return new AwsStorageProvider(
                new DynamoDbTableStore(DynamoDbClients.Create(tables, counter), tables.TableName, time),
                SqsClients.Create(queues, counter),
                queues,
                options,
                time);
        });
        services.TryAddSingleton<IStorageProvider>(sp => sp.GetRequiredService<AwsStorageProvider>());
        return services;
    }
}
