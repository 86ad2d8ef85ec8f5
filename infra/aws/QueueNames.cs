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

    public static string Poison(string queue) => queue + "-poison";

    /// <summary>The name in SQS: with the prefix and a hyphen, as SqsConnection.QueueName does.</summary>
    public static string InSqs(string prefix, string queue) => prefix.Length == 0 ? queue : prefix + "-" + queue;
}
