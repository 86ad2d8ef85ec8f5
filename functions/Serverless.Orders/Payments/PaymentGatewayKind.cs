namespace Serverless.Orders.Payments;

/// <summary>Which <see cref="IPaymentGateway"/> takes the money (<c>Orders:Payments:Gateway</c>).</summary>
public enum PaymentGatewayKind
{
    /// <summary>The embedded <see cref="PaymentSimulator"/> with its test tokens (the default).</summary>
    Simulator,

    /// <summary>A card-payments provider over HTTP: <see cref="CardPaymentGateway"/>.</summary>
    Card,
}
