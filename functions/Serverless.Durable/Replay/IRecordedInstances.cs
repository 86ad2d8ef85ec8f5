namespace Serverless.Durable.Replay;

/// <summary>
/// Where a <see cref="ReplayCheck"/> reads in-flight instances from: the engine's own task hub, or another runtime's.
/// </summary>
internal interface IRecordedInstances
{
    /// <summary>The in-flight instances' ids, a page at a time (a page is replayed before the next is read).</summary>
    IAsyncEnumerable<IReadOnlyList<string>> ListInFlightAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The instance and its current execution's history as they stand now; <see langword="null"/> when it finished,
    /// went away or has no history yet since it was listed.
    /// </summary>
    Task<RecordedExecution?> ReadAsync(string instanceId, CancellationToken cancellationToken);
}
