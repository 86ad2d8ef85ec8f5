namespace Serverless.Orders.Payments;

/// <summary>The gateway failed transiently (timeout, outage); the same call may succeed later.</summary>
public sealed class PaymentUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PaymentUnavailableException() : base("The payment gateway is temporarily unavailable.") { }

    /// <summary>Creates the exception with a message.</summary>
    public PaymentUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PaymentUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
