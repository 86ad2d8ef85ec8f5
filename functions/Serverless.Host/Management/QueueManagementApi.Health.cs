using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Serverless.Durable.Engine;
using Serverless.Host.Workers;
using Serverless.Storage;
using Serverless.Storage.Diagnostics;
using Serverless.Workers.Leases;

namespace Serverless.Host.Management;

// GET /api/health/details: storage reachability, queue depths, poison counts, worker leases, requests to storage.
internal static partial class QueueManagementApi
{
    private static async Task<JsonHttpResult<HealthDetailsResponse>> HealthDetailsAsync(
        HostQueues queues,
        IStorageProvider storage,
        HostStorageBackend backend,
        IServiceProvider services,
        StorageRequestCounter requests,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Before this check's own requests, so two readings differ by what ran between them and one check.
        var counted = requests.Snapshot();
        var kind = backend.Kind;
        var lease = services.GetService<WorkerLeaseKeeper>();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<WorkerLeaseRecord> leases;
        try
        {
            // No lease in Lambda mode: the table's probe stands in for the lease's read.
            leases = lease is not null
                ? await lease.ListAsync(cancellationToken)
                : await ProbeAsync(storage, cancellationToken);
        }
        catch (StorageException exception)
        {
            var unreachable = new HealthDetailsResponse(
                "Unhealthy",
                StorageHealth.Of(kind, false, clock.Elapsed.TotalMilliseconds, exception.Message, counted),
                [],
                []);
            return TypedResults.Json(
                unreachable,
                ManagementJsonContext.Default.HealthDetailsResponse,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var latency = clock.Elapsed.TotalMilliseconds;
        var now = time.GetUtcNow();
        var queueHealth = new List<QueueHealth>();
        foreach (var name in queues.Names)
        {
            await storage.GetQueue(name).CreateIfNotExistsAsync(cancellationToken);
            var depth = await backend.Administration.GetDepthAsync(name, cancellationToken);
            queueHealth.Add(new QueueHealth(
                name,
                depth.Total,
                depth.Ready,
                depth.Scheduled,
                depth.OldestReadySince is { } since ? Math.Max(0, (now - since).TotalSeconds) : null,
                await CountAsync(storage, StorageNames.PoisonQueueFor(name), cancellationToken),
                depth.IsApproximate));
        }

        var workers = new List<WorkerHealth>();
        foreach (var worker in leases.OrderBy(l => l.StartedAt))
        {
            var current = worker.WorkerId == lease?.Identity.Id;
            workers.Add(new WorkerHealth(
                worker.WorkerId, worker.Machine, worker.ProcessId, worker.StartedAt, worker.RenewedAt, worker.ExpiresAt,
                worker.ExpiresAt > now, current, await backend.Held.CountHeldAsync(worker.WorkerId, cancellationToken),
                current ? services.GetService<DurableTaskEngine>()?.ClaimedActivities : null));
        }

        var status = queueHealth.Any(q => q.PoisonCount > 0) ? "Degraded" : "Healthy";
        var storageHealth = StorageHealth.Of(kind, true, latency, null, counted);
        return TypedResults.Json(
            new HealthDetailsResponse(status, storageHealth, queueHealth, workers),
            ManagementJsonContext.Default.HealthDetailsResponse);
    }

    private static async Task<IReadOnlyList<WorkerLeaseRecord>> ProbeAsync(
        IStorageProvider storage,
        CancellationToken cancellationToken)
    {
        _ = await storage.GetTable(WorkerLeaseOptions.TableName).GetAsync("probe", "probe", cancellationToken);
        return [];
    }
}
