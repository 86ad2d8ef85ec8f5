using System.Text.Json.Serialization;

namespace Serverless.Payments.Card.Api;

/// <summary>A charge as the provider returns it (docs/payments.md), declined ones included.</summary>
/// <param name="Id">The provider's id (<c>ch_…</c>).</param>
/// <param name="Amount">The amount asked, in minor units.</param>
/// <param name="AmountRefunded">How much of it has been refunded, in minor units.</param>
/// <param name="Currency">The ISO 4217 code, lower case.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> (declined: no money moved) or <c>pending</c>.</param>
/// <param name="Metadata">What the merchant attached: <c>order_id</c>.</param>
/// <param name="Created">When the provider created it, in Unix seconds.</param>
/// <param name="FailureCode">Why it failed (<c>card_declined</c>…), for a failed charge.</param>
/// <param name="FailureMessage">The provider's sentence for a failed charge.</param>
/// <param name="Refunds">Every refund of the charge, oldest first.</param>
public sealed record CardCharge(
    string Id,
    long Amount,
    long AmountRefunded,
    string Currency,
    string Status,
    IReadOnlyDictionary<string, string>? Metadata,
    long Created,
    string? FailureCode,
    string? FailureMessage,
    IReadOnlyList<CardRefund>? Refunds)
{
    /// <summary>The status of a charge that took the money.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The status of a declined charge: no money moved.</summary>
    public const string Failed = "failed";

    /// <summary>Whether the charge took the money (it may have been refunded since).</summary>
    [JsonIgnore]
    public bool HasSucceeded => Status == Succeeded;

    /// <summary>Whether the charge was declined.</summary>
    [JsonIgnore]
    public bool HasFailed => Status == Failed;
}
