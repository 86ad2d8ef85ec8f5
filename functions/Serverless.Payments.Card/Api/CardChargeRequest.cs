namespace Serverless.Payments.Card.Api;

/// <summary>The body of <c>POST /v1/charges</c>.</summary>
/// <param name="Amount">In minor units.</param>
/// <param name="Currency">The ISO 4217 code, lower case.</param>
/// <param name="Source">The card token the customer's browser got from the provider.</param>
/// <param name="Metadata"><c>order_id</c>: what the charge is for.</param>
internal sealed record CardChargeRequest(
    long Amount,
    string Currency,
    string Source,
    IReadOnlyDictionary<string, string> Metadata);
