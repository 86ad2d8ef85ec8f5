namespace Serverless.Testing.Payments;

/// <summary>A charge in the ledger of a <see cref="FakeCardProvider"/>, declined ones included.</summary>
public sealed record FakeCharge(
    string Id,
    string IdempotencyKey,
    string OrderId,
    long Amount,
    string Currency,
    string Source,
    string Status,
    DateTimeOffset Created)
{
    public long AmountRefunded { get; init; }

    public IReadOnlyList<FakeRefund> Refunds { get; init; } = [];

    public bool Succeeded => Status == "succeeded";
}
