namespace Serverless.Payments.Card;

/// <summary>
/// The provider refused the request for good (a 4xx other than the transient ones): sending it again would be refused
/// again.
/// </summary>
public class CardRequestRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CardRequestRefusedException() : base("The card-payments provider refused the request.") { }

    /// <summary>Creates the exception with a message.</summary>
    public CardRequestRefusedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CardRequestRefusedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with the provider's status and error code.</summary>
    public CardRequestRefusedException(string message, int statusCode, string? code) : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The HTTP status the provider answered.</summary>
    public int StatusCode { get; }

    /// <summary>The provider's error code, e.g. <c>card_declined</c>.</summary>
    public string? Code { get; }
}
