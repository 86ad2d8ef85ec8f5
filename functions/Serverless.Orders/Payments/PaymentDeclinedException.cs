namespace Serverless.Orders.Payments;

/// <summary>The gateway declined a charge for good (the saga does not retry it).</summary>
public sealed class PaymentDeclinedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PaymentDeclinedException() : base("The payment was declined.") { }

    /// <summary>Creates the exception with the gateway's reason.</summary>
    public PaymentDeclinedException(string message) : base(message) { }

    /// <summary>Creates the exception with the gateway's reason and cause.</summary>
    public PaymentDeclinedException(string message, Exception innerException) : base(message, innerException) { }
}
