namespace Serverless.Host.Management;

/// <summary>One poison queue in the list of them.</summary>
/// <param name="Queue">The poison queue's name.</param>
/// <param name="OriginalQueue">The queue its messages failed on, where a re-queue sends them.</param>
/// <param name="Count">How many messages it holds (approximate on Azure Storage).</param>
internal sealed record PoisonQueueResponse(string Queue, string OriginalQueue, int Count);
