namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The body of <c>GET /api/payments/{orderId}</c>; the money figures are recomputed from the ledger.</summary>
public sealed record PaymentDto(
    string OrderId,
    string Status,
    decimal Amount,
    decimal NetAmount,
    IReadOnlyList<LedgerEntryDto> Ledger)
{
    public IEnumerable<LedgerEntryDto> Charges => Ledger.Where(e => e.Kind == "charge");

    public IEnumerable<LedgerEntryDto> Refunds => Ledger.Where(e => e.Kind == "refund");

    /// <summary>Charges minus refunds, from the ledger itself.</summary>
    public decimal LedgerNet => Charges.Sum(e => e.Amount) - Refunds.Sum(e => e.Amount);
}
