using Serverless.Durable.Engine;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Workers.Leases;
using Serverless.Workers.Queues;

namespace Serverless.Host.Workers;

/// <summary>
/// Registers this process's worker lease over the host's storage, and the lease-gated, signalling provider the host
/// uses.
/// </summary>
internal static class WorkerLeaseServiceCollectionExtensions
{
    /// <summary>The configuration section of <see cref="WorkerLeaseOptions"/>.</summary>
    public const string SectionName = "Serverless:Workers";

    /// <summary>
    /// Adds the lease of <paramref name="identity"/> on the storage <paramref name="backend"/> gives, and registers
    /// <see cref="IStorageProvider"/> as that storage, receiving only while the lease holds and signalling this
    /// process's pollers on every send.
    /// </summary>
    public static IServiceCollection AddWorkerLease(
        this IServiceCollection services,
        IConfiguration configuration,
        WorkerIdentity identity,
        Func<IServiceProvider,
        HostStorageBackend> backend)
    {
        var options = HostSettings.Read(() =>
        {
            var bound = new WorkerLeaseOptions();
            configuration.GetSection(SectionName).Bind(bound);
            bound.Validate();
            return bound;
        });
        services.AddSingleton(identity);
        services.AddSingleton(options);
        services.AddSingleton(backend);
        services.AddSingleton<QueueSignals>();
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<HostStorageBackend>();
            var logger = sp.GetRequiredService<ILogger<WorkerLeaseService>>();
            var signals = sp.GetRequiredService<QueueSignals>();
            return new WorkerLeaseKeeper(
                storage.Provider.GetTable(WorkerLeaseOptions.TableName),
                storage.Held,
                identity,
                options,
                sp.GetRequiredService<TimeProvider>())
            {
                OnRecovered = recovery =>
                {
                    Logs.Recovered(logger, recovery);

                    // Its messages are visible again: idle pollers look now rather than at their next poll, and
                    // again when those the backend could not release have come back by themselves.
                    if (recovery.Released > 0)
                    {
                        signals.NotifyAll();
                    }

                    if (storage.Held.UnreleasedReturnWithin > TimeSpan.Zero)
                    {
                        signals.NotifyAllWhenDue(storage.Held.UnreleasedReturnWithin);
                    }

                    _ = ReleaseHeldOutboxesAsync(sp, recovery.WorkerId, logger);
                },
                OnLeaseLapsed = lapse => Logs.WorkerLeaseLapsed(logger, lapse),
            };
        });
        // Work handed straight to this process's pumps obeys the same gate as a receive.
        services.AddSingleton(sp =>
        {
            var lease = sp.GetRequiredService<WorkerLeaseKeeper>();
            return new LocalQueueWorkers { MayReceive = () => lease.IsHeld, WorkerId = identity.Id };
        });
        services.AddSingleton<IStorageProvider>(sp => new SignalingStorageProvider(
            new LeaseGatedStorageProvider(
                sp.GetRequiredService<HostStorageBackend>().Provider,
                sp.GetRequiredService<WorkerLeaseKeeper>()),
            sp.GetRequiredService<QueueSignals>()));
        services.AddHostedService<WorkerLeaseService>();
        return services;
    }

    /// <summary>
    /// Dispatches the outbox rows a dead worker held (<see cref="DurableTaskEngine.ReleaseHeldOutboxesAsync"/>): the
    /// activities it ran on claims run again now, and work it committed but may not have sent is sent, rather than once
    /// their holds run out.
    /// </summary>
    private static async Task ReleaseHeldOutboxesAsync(IServiceProvider services, string workerId, ILogger logger)
    {
        if (services.GetService<DurableTaskEngine>() is not { } engine)
        {
            return;
        }

        try
        {
            var released = await engine.ReleaseHeldOutboxesAsync(workerId).ConfigureAwait(false);
            if (released > 0)
            {
                Logs.HeldOutboxesReleased(logger, workerId, released);
            }
        }
        catch (Exception exception)
        {
            Logs.HeldOutboxesNotReleased(logger, exception, workerId);
        }
    }
}
