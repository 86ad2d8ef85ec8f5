namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One history event in the Durable Functions HTTP shape (only the members the tests read).</summary>
public sealed record HistoryEventDto(string EventType, string? FunctionName, string? Name, int? EventId);
