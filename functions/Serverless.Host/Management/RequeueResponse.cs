namespace Serverless.Host.Management;

/// <summary>The answer to a re-queue.</summary>
/// <param name="Requeued">How many messages went back to <paramref name="Queue"/>, each with a fresh dequeue
/// count.</param>
/// <param name="Queue">The queue they went back to.</param>
/// <param name="Remaining">How many are still in the poison queue (approximate on Azure Storage).</param>
internal sealed record RequeueResponse(int Requeued, string Queue, int Remaining);
