namespace Serverless.Storage.Workers;

/// <summary>
/// Which worker holds which received messages (see <see cref="Queues.QueueOptions.WorkerId"/>), across every queue of a
/// provider, and the hand-back of a dead worker's messages. Implemented by every provider.
/// </summary>
public interface IHeldMessages
{
    /// <summary>
    /// The workers that hold at least one received message that is neither completed, abandoned nor timed out.
    /// </summary>
    Task<IReadOnlySet<string>> ListHoldersAsync(CancellationToken cancellationToken = default);

    /// <summary>The number of messages <paramref name="workerId"/> holds now.</summary>
    Task<int> CountHeldAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every message <paramref name="workerId"/> holds visible again at once, each with a new pop receipt, so the
    /// worker's own later complete or abandon of it returns <see langword="false"/> (stale). Dequeue counts are kept.
    /// Returns how many messages were released. Idempotent; only for a worker known to be dead or paused past its
    /// lease.
    /// </summary>
    Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// How long after a worker's death the messages it held that <see cref="ReleaseAsync"/> cannot reach (a backend
    /// may not record every receive) become visible by themselves, at most; zero where it reaches them all.
    /// </summary>
    TimeSpan UnreleasedReturnWithin => TimeSpan.Zero;
}
