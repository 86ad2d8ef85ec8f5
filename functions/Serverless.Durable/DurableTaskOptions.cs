using Serverless.Durable.Retention;

namespace Serverless.Durable;

/// <summary>Settings of the durable task engine, its workers and its client.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>
    /// The task hub: the namespace of the table and queues the engine uses, so several apps can share one storage
    /// account. Letters and digits, starting with a letter.
    /// </summary>
    public string TaskHub { get; set; } = "durable";

    /// <summary>
    /// The version of the orchestrations this build runs (host.json <c>durableTask.defaultVersion</c>, as on Durable
    /// Functions): the version the client stores with each instance it starts without one, that sub-orchestrations
    /// start with unless their options name one, and this worker's own version for <see cref="VersionMatchStrategy"/>.
    /// Empty: unversioned.
    /// </summary>
    public string DefaultVersion { get; set; } = string.Empty;

    /// <summary>Which instances this worker runs, by their version against <see cref="DefaultVersion"/>.</summary>
    public OrchestrationVersionMatch VersionMatchStrategy { get; set; } = OrchestrationVersionMatch.CurrentOrOlder;

    /// <summary>What this worker does with work of an instance whose version it does not run.</summary>
    public OrchestrationVersionFailure VersionFailureStrategy { get; set; } = OrchestrationVersionFailure.Reject;

    /// <summary>How many wake-ups the orchestration worker handles at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>How many work items each activity queue's worker handles at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>How long a received message stays hidden from other workers while it is processed.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The delivery at which an activity work item that never completed is recorded as a failed task instead of being
    /// run again, so the orchestration sees the failure and can compensate. Keep it at or below the queue's max dequeue
    /// count.
    /// </summary>
    public int MaxActivityDeliveries { get; set; } = 5;

    /// <summary>
    /// How often workers look for instances whose wake-up was lost (a crash between a write and its wake-up, or a
    /// wake-up that failed into the poison queue).
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an instance may wait past its due time, sit idle while pending, or leave a ready message unapplied
    /// before the sweep wakes it.
    /// </summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On storage whose table and queues are separate (Azure Storage, DynamoDB + SQS), how long an activity that an
    /// episode schedules alone is claimed by this process to run here, without its work item going through the queue
    /// (renewed while it runs). A process that dies holding a claim leaves its work item to the sweep, which sends it
    /// once the claim runs out. 0 sends every work item through its queue.
    /// </summary>
    public TimeSpan LocalActivityClaim { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Routes activities to queues of their own by activity name (e.g. payments apart from the rest, so each scales and
    /// backs up on its own); an activity not listed uses the task hub's default activity queue. Queue names follow
    /// Azure Storage's rules (lowercase letters, digits, hyphens).
    /// </summary>
    public IDictionary<string, string> ActivityQueues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How many running instances keep their replayed orchestrator and history in memory between episodes (Durable
    /// Functions' extended sessions): the next episode of a cached instance reads only its instance row and inbox and
    /// replays nothing, as long as no other worker has committed an episode of it since (its ETag tells). Least
    /// recently used first out; 0 turns the cache off.
    /// </summary>
    public int MaxCachedInstances { get; set; } = 1024;

    /// <summary>
    /// The longest a worker waits between polls of an empty queue (default 10 s; Durable Functions' Azure Storage
    /// backend waits up to 30 s). The wait starts at a few milliseconds and doubles with each empty poll, and ends at
    /// once when this process sends to the queue (or a message it delayed falls due), so it delays only work sent by
    /// other processes, and keeps an idle host's polling to a few requests a minute.
    /// </summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long finished instances are kept before the background retention purges them (section
    /// <c>Durable:Retention</c>; runs where
    /// <see cref="DurableTaskServiceCollectionExtensions.AddDurableTaskRetention"/> is added).
    /// </summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// The shortest time between two readings of the task hub's queues for the <c>durable.queue.*</c> gauges (default
    /// 30 s; 0 reads at every collection). A reading asks storage for each queue's depth, as the health details do:
    /// one query per queue on SQLite, a peek and a metadata request per queue on Azure Storage, a metadata request and
    /// a peek per queue on SQS. It is made only while a listener collects the gauges, in the background, one at a time.
    /// </summary>
    public TimeSpan QueueMetricsInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest <see cref="LocalActivityClaim"/>: a claim is renewed at half its length.</summary>
    internal static readonly TimeSpan MinLocalActivityClaim = TimeSpan.FromSeconds(2);

    /// <summary>Every setting that is out of range, as one line each naming it (<c>Durable:...</c>).</summary>
    internal IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(MaxConcurrentOrchestrations), MaxConcurrentOrchestrations),
            (nameof(MaxConcurrentActivities), MaxConcurrentActivities),
            (nameof(MaxActivityDeliveries), MaxActivityDeliveries),
        })
        {
            if (value < 1)
            {
                yield return $"Durable:{name} is {value}; it must be at least 1.";
            }
        }

        if (MaxCachedInstances < 0)
        {
            yield return $"Durable:MaxCachedInstances is {MaxCachedInstances}; it must be 0 (no cache) or more.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(VisibilityTimeout), VisibilityTimeout),
            (nameof(SweepInterval), SweepInterval),
            (nameof(MaxPollingInterval), MaxPollingInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"Durable:{name} is {value}; it must be above zero.";
            }
        }

        if (SweepGrace < TimeSpan.Zero)
        {
            yield return $"Durable:SweepGrace is {SweepGrace}; it must not be negative.";
        }

        if (LocalActivityClaim != TimeSpan.Zero && LocalActivityClaim < MinLocalActivityClaim)
        {
            yield return $"Durable:LocalActivityClaim is {LocalActivityClaim}; it must be 0 (off) or at least " +
                $"{MinLocalActivityClaim}.";
        }

        if (QueueMetricsInterval < TimeSpan.Zero)
        {
            yield return $"Durable:QueueMetricsInterval is {QueueMetricsInterval}; it must not be negative.";
        }

        foreach (var error in Retention.Validate())
        {
            yield return error;
        }
    }
}
