namespace Serverless.Bench.Throughput;

/// <summary>The body of <c>GET /api/payments/{orderId}</c>: the payment and its ledger of money movements.</summary>
internal sealed record PaymentView(
    string OrderId,
    string Status,
    decimal Amount,
    decimal NetAmount,
    IReadOnlyList<LedgerEntryView> Ledger);

/// <summary>One money movement: <c>charge</c> or <c>refund</c>.</summary>
internal sealed record LedgerEntryView(string Kind, decimal Amount);
