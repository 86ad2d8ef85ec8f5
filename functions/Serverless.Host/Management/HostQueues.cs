using Serverless.Durable.Engine;
using Serverless.Hosting.Queues;
using Serverless.Storage;

namespace Serverless.Host.Management;

/// <summary>
/// The queues this host works on, each with its poison queue: the engine's wake-up and activity queues and every
/// queue function's queue. The management routes accept only these, so an operator cannot touch unrelated storage.
/// </summary>
internal sealed class HostQueues(DurableTaskEngine engine, IEnumerable<QueueFunction> functions)
{
    private readonly Lazy<IReadOnlyList<string>> _names = new(() =>
        new[] { engine.OrchestrationQueue }
            .Concat(engine.ActivityQueues)
            .Concat(functions.Select(f => f.QueueName))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList());

    /// <summary>The work queues, sorted by name.</summary>
    public IReadOnlyList<string> Names => _names.Value;

    /// <summary>
    /// The work queue whose poison queue is <paramref name="poisonQueue"/>, or <see langword="null"/> when it is none
    /// of this host's.
    /// </summary>
    public string? OriginalOf(string poisonQueue) =>
        Names.FirstOrDefault(name => StorageNames.PoisonQueueFor(name) == poisonQueue);
}
