namespace Serverless.Payments.Card;

/// <summary>
/// The provider could not be used just now (an outage, a timeout, rate limiting, an open circuit, a full bulkhead, a
/// request with the same idempotency key still in progress); the same call with the same idempotency key may succeed
/// later, and never moves money twice.
/// </summary>
public sealed class CardProviderUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CardProviderUnavailableException() : base("The card-payments provider is unavailable.") { }

    /// <summary>Creates the exception with a message.</summary>
    public CardProviderUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CardProviderUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal CardProviderUnavailableException(string message, bool outcomeUnknown, Exception? innerException = null)
        : base(message, innerException) => OutcomeUnknown = outcomeUnknown;

    /// <summary>
    /// Whether the provider may have acted on the request although no answer came (a timeout, a connection lost, a
    /// 5xx): only a lookup by idempotency key tells.
    /// </summary>
    public bool OutcomeUnknown { get; }
}
