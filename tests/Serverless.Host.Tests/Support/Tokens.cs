namespace Serverless.Host.Tests.Support;

/// <summary>The payment simulator's test tokens.</summary>
public static class Tokens
{
    public const string Visa = "tok_visa";
    public const string Decline = "tok_decline";
    public const string Transient = "tok_transient";
    public const string Slow = "tok_slow";
    public const string HighRisk = "tok_risky";
}
