namespace Serverless.Host.Management;

/// <summary>The head of one poison queue.</summary>
/// <param name="Queue">The poison queue.</param>
/// <param name="OriginalQueue">The queue its messages failed on.</param>
/// <param name="Count">How many messages it holds (approximate on Azure Storage).</param>
/// <param name="Messages">
/// Its oldest messages, at most 32 (Azure Storage Queues peek no further); the rest come into view as these are
/// re-queued or deleted.
/// </param>
internal sealed record PoisonMessagesResponse(
    string Queue,
    string OriginalQueue,
    int Count,
    List<QueueMessageResponse> Messages);
