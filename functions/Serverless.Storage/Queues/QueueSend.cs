namespace Serverless.Storage.Queues;

/// <summary>A message to send as part of <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>.</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Body">The payload.</param>
/// <param name="Delay">How long the message stays invisible (<see langword="null"/>: visible at once).</param>
public sealed record QueueSend(string Queue, string Body, TimeSpan? Delay = null);
