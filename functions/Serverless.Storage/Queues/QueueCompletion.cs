namespace Serverless.Storage.Queues;

/// <summary>
/// A received message to complete as part of <see cref="ITransactionalStorage.ExecuteBatchAndSendAsync"/>: deleted if
/// <see cref="Message"/>'s receipt is still its current one; a stale receipt deletes nothing and fails nothing.
/// </summary>
/// <param name="Queue">The queue the message was received from.</param>
/// <param name="Message">The delivery to complete.</param>
public sealed record QueueCompletion(string Queue, QueueMessage Message);
