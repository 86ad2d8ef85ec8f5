using System.Text.Json.Serialization;

namespace Serverless.Host.Management;

/// <summary>One work queue.</summary>
/// <param name="Name">The queue.</param>
/// <param name="Depth">Every message in it: <paramref name="Ready"/> plus <paramref name="Scheduled"/>.</param>
/// <param name="Ready">Messages visible now, waiting for a worker: the backlog.</param>
/// <param name="Scheduled">Messages not visible now: due later (durable timers, retry back-off) or hidden while a
/// worker handles them (the workers' <c>heldMessages</c>). An idle host with pending timers has these only.</param>
/// <param name="OldestMessageAgeSeconds">How long the longest-waiting ready message has waited since it became
/// visible; <see langword="null"/> (written, not left out) when none is ready.</param>
/// <param name="PoisonCount">Messages in its poison queue.</param>
/// <param name="Approximate">Whether the split is an estimate (Azure Storage Queues: ready counted by a peek of at
/// most 32, scheduled the service's approximate total less that, and the age counted from the message's send).</param>
internal sealed record QueueHealth(
    string Name,
    int Depth,
    int Ready,
    int Scheduled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OldestMessageAgeSeconds,
    int PoisonCount,
    bool Approximate);
