namespace Serverless.Payments.Card.Api;

/// <summary>A refund as the provider returns it.</summary>
/// <param name="Id">The provider's id (<c>re_…</c>).</param>
/// <param name="Charge">The id of the charge it gives money back from.</param>
/// <param name="Amount">The amount given back, in minor units.</param>
/// <param name="Status"><c>succeeded</c> once the money is on its way back.</param>
/// <param name="Created">When the provider created it, in Unix seconds.</param>
public sealed record CardRefund(string Id, string Charge, long Amount, string Status, long Created);
