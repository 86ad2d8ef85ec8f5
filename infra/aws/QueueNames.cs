namespace Serverless.Infra.Aws;

/// <summary>
/// The SQS queues the app works on, as the code names them (the infra tests compare these with functions/): the
/// engine's wake-up and default activity queues of task hub <c>durable</c>, the saga's activity queues, the queue
/// function's queue; each has <c>&lt;queue&gt;-poison</c>.
/// </summary>
internal static class QueueNames
{
    public static IReadOnlyList<string> Work { get; } =
        ["durable-orchestrations", "durable-activities", "inventory", "payments", "order-events"];

    /// <summary>
    /// Deliveries before a message goes to its poison queue: QueueOptions.MaxDequeueCount, as host.json's 5.
    /// </summary>
    public const int MaxDequeueCount = 5;

    /// <summary>
    /// Receives before SQS's redrive moves a message to its poison queue: a backstop, four times
    /// <see cref="MaxDequeueCount"/>. The app moves a message itself after <see cref="MaxDequeueCount"/> deliveries,
    /// not counting its own peeks (management, health details); SQS counts every receive, peeks included, so a redrive
    /// at the same count would move waiting messages that were only looked at. The backstop catches what the app
    /// cannot even take in (an event it fails before it reads it).
    /// </summary>
    public const int RedriveAfter = 4 * MaxDequeueCount;

    public static string Poison(string queue) => queue + "-poison";

    /// <summary>The name in SQS: with the prefix and a hyphen, as SqsConnection.QueueName does.</summary>
    public static string InSqs(string prefix, string queue) => prefix.Length == 0 ? queue : prefix + "-" + queue;
}
