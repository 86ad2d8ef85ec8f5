namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The 202 body of <c>POST /api/orders</c>, approve and reject.</summary>
public sealed record OrderAcceptedDto(string OrderId, string Status, string StatusUri);
