namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One entry of <c>GET /runtime/webhooks/queues/poison</c>.</summary>
public sealed record PoisonQueueDto(string Queue, string OriginalQueue, int Count);

/// <summary>The body of <c>GET /runtime/webhooks/queues/poison/{queue}</c>.</summary>
public sealed record PoisonMessagesDto(
    string Queue,
    string OriginalQueue,
    int Count,
    IReadOnlyList<QueueMessageDto> Messages);

/// <summary>A message of a poison queue.</summary>
public sealed record QueueMessageDto(
    string Id,
    string Queue,
    string OriginalQueue,
    string Body,
    int DequeueCount,
    DateTimeOffset InsertedAt);

/// <summary>The answer to a re-queue.</summary>
public sealed record RequeueDto(int Requeued, string Queue, int Remaining);
