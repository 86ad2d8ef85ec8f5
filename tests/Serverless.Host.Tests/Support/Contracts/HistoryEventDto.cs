namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>One history event of an instance (only the members the tests read).</summary>
public sealed record HistoryEventDto(string Type, string? Name, int? TaskId);
