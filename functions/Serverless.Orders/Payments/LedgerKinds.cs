namespace Serverless.Orders.Payments;

/// <summary>The kinds of <see cref="LedgerEntry"/>.</summary>
public static class LedgerKinds
{
    /// <summary>Money taken from the customer.</summary>
    public const string Charge = "charge";

    /// <summary>Money given back to the customer.</summary>
    public const string Refund = "refund";
}
