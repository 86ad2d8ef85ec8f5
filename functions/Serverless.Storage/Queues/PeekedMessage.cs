namespace Serverless.Storage.Queues;

/// <summary>A message looked at without receiving it: no pop receipt, nothing changed.</summary>
/// <param name="MessageId">The message's identity.</param>
/// <param name="Body">The payload.</param>
/// <param name="DequeueCount">How many times it has been handed out from this queue (0 for a fresh message).</param>
/// <param name="InsertedAt">When it was sent to this queue.</param>
public sealed record PeekedMessage(string MessageId, string Body, int DequeueCount, DateTimeOffset InsertedAt);
