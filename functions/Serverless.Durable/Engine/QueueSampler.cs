using Serverless.Storage;
using Serverless.Storage.Queues;

namespace Serverless.Durable.Engine;

/// <summary>
/// Reads the depth of the task hub's queues for <see cref="DurableMetrics"/>, as <c>GET /api/health/details</c> reads
/// them (<see cref="IQueueAdministration.GetDepthAsync"/>): a count per queue on SQLite, a peek and the service's
/// approximate count on Azure Storage Queues, SQS's approximate counts and a peek on AWS.
/// </summary>
internal sealed class QueueSampler(IQueueAdministration administration, IReadOnlyList<string> queues, TimeProvider time)
{
    /// <summary>
    /// The sampler of the queues of the task hub <paramref name="options"/> names, through
    /// <paramref name="administration"/>, or through <paramref name="storage"/> when that is its own administration;
    /// none when neither can tell a queue's depth.
    /// </summary>
    public static QueueSampler? For(
        IQueueAdministration? administration,
        IStorageProvider storage,
        DurableTaskOptions options,
        TimeProvider time)
    {
        administration ??= storage as IQueueAdministration;
        if (administration is null)
        {
            return null;
        }

        var hub = TaskHubStorage.Resolve(options.TaskHub);
        var queues = options.ActivityQueues.Values
            .Append(hub.OrchestrationQueue)
            .Append(hub.DefaultActivityQueue)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new QueueSampler(administration, queues, time);
    }

    public async Task<IReadOnlyList<QueueSample>> ReadAsync(CancellationToken cancellationToken)
    {
        var samples = new List<QueueSample>(queues.Count);
        foreach (var queue in queues)
        {
            var depth = await administration.GetDepthAsync(queue, cancellationToken).ConfigureAwait(false);
            var age = depth.OldestReadySince is { } since ? Math.Max(0, (time.GetUtcNow() - since).TotalSeconds) : 0;
            samples.Add(new QueueSample(queue, depth.Ready, depth.Scheduled, age));
        }

        return samples;
    }
}
