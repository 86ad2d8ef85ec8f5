namespace Serverless.Payments.Card;

/// <summary>
/// The card was declined (<c>402</c>, or a charge found with status <c>failed</c>): no money moved, and retrying the
/// same card would only be declined again (and may get it flagged by the issuer).
/// </summary>
public sealed class CardDeclinedException : CardRequestRefusedException
{
    /// <summary>Creates the exception.</summary>
    public CardDeclinedException() : base("The card was declined.") { }

    /// <summary>Creates the exception with a message.</summary>
    public CardDeclinedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CardDeclinedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with the provider's error code and the issuer's decline code.</summary>
    public CardDeclinedException(string message, string? code, string? declineCode) : base(message, 402, code) =>
        DeclineCode = declineCode;

    /// <summary>The issuer's reason, e.g. <c>insufficient_funds</c>, when the provider gives one.</summary>
    public string? DeclineCode { get; }
}
