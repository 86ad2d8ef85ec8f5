namespace Serverless.Orders.Payments;

/// <summary>The card tokens the <see cref="PaymentSimulator"/> understands.</summary>
public static class TestTokens
{
    /// <summary>Approves.</summary>
    public const string Visa = "tok_visa";

    /// <summary>Declines, for good.</summary>
    public const string Decline = "tok_decline";

    /// <summary>Fails transiently on the first attempts (two by default), then approves.</summary>
    public const string Transient = "tok_transient";

    /// <summary>Approves after a delay (2 s by default).</summary>
    public const string Slow = "tok_slow";

    /// <summary>Approves, but the fraud screen always scores it high risk (<c>OrderScreen</c>).</summary>
    public const string HighRisk = "tok_risky";

    /// <summary>Every token above.</summary>
    public static IReadOnlyList<string> All { get; } = [Visa, Decline, Transient, Slow, HighRisk];
}
