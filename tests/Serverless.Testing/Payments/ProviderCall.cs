namespace Serverless.Testing.Payments;

/// <summary>One request the provider received, and the fault it was answered with.</summary>
public sealed record ProviderCall(
    DateTimeOffset At,
    string Method,
    string Path,
    string? IdempotencyKey,
    ProviderFault Fault);
