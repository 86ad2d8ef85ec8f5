namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One money movement of a payment.</summary>
public sealed record LedgerEntryDto(string Kind, decimal Amount);
