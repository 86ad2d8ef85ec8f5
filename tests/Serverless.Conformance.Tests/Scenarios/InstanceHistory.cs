namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>The parts of an instance's history an outcome needs.</summary>
/// <param name="Scheduled">What the instance scheduled, in history order, over all of its generations.</param>
/// <param name="Failure">
/// The failure the history records when the instance failed. The driver uses it only when the client shows none
/// (the Azure Storage backend keeps a failed instance's output string but not its failure details).
/// </param>
/// <param name="Version">The version the first execution's <c>ExecutionStartedEvent</c> records ("" for none).</param>
public sealed record InstanceHistory(IReadOnlyList<ScheduledWork> Scheduled, FailureOutcome? Failure, string? Version);
