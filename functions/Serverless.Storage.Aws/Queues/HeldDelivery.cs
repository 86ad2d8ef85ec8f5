namespace Serverless.Storage.Aws.Queues;

/// <summary>
/// One delivery a queue handle handed out and vouches for: its receipt, until when SQS hides it for sure (by this
/// process's clock, counted from before the receive was sent), and whether it is in the worker's receipt ledger.
/// Completing or abandoning it is valid only while it is hidden; SQS itself cannot tell (a delete with an old receipt
/// succeeds), so a settled or lapsed delivery is what makes a receipt stale here.
/// </summary>
internal sealed class HeldDelivery(string sqsMessageId, string receipt, DateTimeOffset until)
{
    /// <summary>The id SQS gave the message (a hop or a copy has its own, unlike the port's id).</summary>
    public string SqsMessageId { get; } = sqsMessageId;

    public string Receipt { get; } = receipt;

    /// <summary>Until when the receiver asked the message to stay hidden; renewal stops there.</summary>
    public DateTimeOffset Until { get; } = until;

    /// <summary>Until when SQS hides it now: the end of the receive's or the latest renewal's visibility.</summary>
    public DateTimeOffset HiddenUntil { get; set; }

    /// <summary>Serializes settling and renewing this delivery.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool Settled { get; set; }

    /// <summary>Whether its receipt is in the worker's ledger (written at the receive or its first renewal).</summary>
    public bool Recorded { get; set; }

    /// <summary>Whether peeks raised its receive count: their records go when it is completed.</summary>
    public bool Peeked { get; set; }
}
