namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One line of an order request.</summary>
public sealed record OrderLine(string Sku, int Quantity);
