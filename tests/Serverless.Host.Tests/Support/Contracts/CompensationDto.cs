namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The <c>compensation</c> of an order whose compensation is failing and being retried.</summary>
public sealed record CompensationDto(string Step, int Attempts, string LastError, DateTimeOffset Since);
