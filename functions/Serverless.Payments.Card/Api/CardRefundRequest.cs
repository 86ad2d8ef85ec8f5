namespace Serverless.Payments.Card.Api;

/// <summary>The body of <c>POST /v1/refunds</c>.</summary>
/// <param name="Charge">The charge's id.</param>
/// <param name="Amount">In minor units; at most what is left of the charge.</param>
/// <param name="Metadata"><c>order_id</c>: what the refund is for.</param>
internal sealed record CardRefundRequest(string Charge, long Amount, IReadOnlyDictionary<string, string> Metadata);
