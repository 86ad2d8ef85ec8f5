using System.Runtime.CompilerServices;
using Serverless.Host.Workers;
using Serverless.Storage.Aws;
using Serverless.Storage.Aws.Configuration;
using Serverless.Workers.Leases;

namespace Serverless.Host;

/// <summary>
/// Registers DynamoDB and SQS as the host's storage, when <c>Serverless:Aws:TableName</c> is set: the host then runs as
/// on Azure Storage (several processes on one table and one set of queues, pollers, worker leases), or in Lambda mode
/// without a worker identity or lease.
/// </summary>
internal static class AwsStorageHostServiceCollectionExtensions
{
    // Kept out of line: in the JIT and ReadyToRun flavours, the AWS SDK's assemblies load only when this runs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IServiceCollection AddAwsHostStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        WorkerIdentity? identity)
    {
        // Read through HostSettings, so that a malformed setting ends the start in one line naming it.
        var (tables, queues) = HostSettings.Read(() => AwsStorageConnection.Read(configuration));
        services.AddAwsStorage(tables, queues, options => options.Queues.WorkerId = identity?.Id);
        // Not in Lambda mode (no identity): each probe request would lengthen every cold start, and the function's role
        // may not list queues; a store that does not answer fails the invocation that needs it, naming it.
        if (identity is not null)
        {
            AddStartupProbe(services, configuration);
        }

        static HostStorageBackend Backend(IServiceProvider sp)
        {
            var aws = sp.GetRequiredService<AwsStorageProvider>();
            return new HostStorageBackend("aws", aws, aws, aws);
        }

        // Without an identity (Lambda mode) there is no lease: Lambda runs each environment, and SQS's visibility
        // timeout returns what a lost one held.
        return identity is null
            ? services.AddSingleton(Backend)
            : services.AddWorkerLease(configuration, identity, Backend);
    }

    private static void AddStartupProbe(IServiceCollection services, IConfiguration configuration)
    {
        var probeTimeout = HostSettings.Read(() => StorageStartupProbe.ReadTimeout(configuration));
        // First of all hosted services, so none of them meets storage that is not there yet.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp =>
        {
            var aws = sp.GetRequiredService<AwsStorageProvider>();
            return new StorageStartupProbe(
                $"AWS ({aws.Endpoints})",
                aws.ProbeAsync,
                probeTimeout,
                sp.GetRequiredService<ILogger<StorageStartupProbe>>());
        }));
    }
}
