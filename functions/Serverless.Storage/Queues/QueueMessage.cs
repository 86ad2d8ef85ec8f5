namespace Serverless.Storage.Queues;

/// <summary>
/// A message handed out by <see cref="IQueue.ReceiveAsync"/>; invisible to others until its visibility timeout ends.
/// </summary>
/// <param name="MessageId">The message's identity, stable across deliveries.</param>
/// <param name="PopReceipt">Proof of this delivery; needed to complete or abandon it, and stale once the message is
/// handed out again.</param>
/// <param name="Body">The payload.</param>
/// <param name="DequeueCount">How many times the message has been handed out, this delivery included (1 on the
/// first).</param>
/// <param name="InsertedAt">When the message was sent.</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string Body,
    int DequeueCount,
    DateTimeOffset InsertedAt);
