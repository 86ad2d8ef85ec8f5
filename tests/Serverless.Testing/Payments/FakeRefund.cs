namespace Serverless.Testing.Payments;

/// <summary>A refund in the ledger of a <see cref="FakeCardProvider"/>.</summary>
public sealed record FakeRefund(string Id, string IdempotencyKey, string ChargeId, long Amount, DateTimeOffset Created);
