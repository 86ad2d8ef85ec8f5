namespace Serverless.Hosting.Queues;

/// <summary>The message a queue function is invoked with.</summary>
/// <param name="MessageId">The message's identity, stable across deliveries (use it to make the handler idempotent).</param>
/// <param name="Body">The payload.</param>
/// <param name="DequeueCount">How many times the message has been delivered, this delivery included (1 on the first).</param>
/// <param name="InsertedAt">When the message was sent.</param>
public sealed record QueueTrigger(string MessageId, string Body, int DequeueCount, DateTimeOffset InsertedAt);
