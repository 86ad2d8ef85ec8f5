namespace Serverless.Orders.Payments;

/// <summary>
/// The idempotency keys of an order's money movements: one charge and one refund per order, whatever the number of
/// attempts, activities, sagas or reconciler passes that ask for them. A gateway that cannot keep its own record per
/// order (a provider that knows only keys) finds an order's charge by <see cref="Charge"/>.
/// </summary>
public static class PaymentKeys
{
    /// <summary>The key of the order's charge.</summary>
    public static string Charge(string orderId) => $"{orderId}:charge";

    /// <summary>The key of the order's refund.</summary>
    public static string Refund(string orderId) => $"{orderId}:refund";
}
