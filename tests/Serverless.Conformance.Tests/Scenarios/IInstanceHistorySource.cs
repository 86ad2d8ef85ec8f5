namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Reads a terminal instance's history from a runtime.</summary>
public interface IInstanceHistorySource
{
    /// <summary>
    /// What <paramref name="instanceId"/> scheduled (activities, timers, sub-orchestrations in history order, over all
    /// of its generations) and, when it failed, the failure its history records. Called once the instance is terminal.
    /// </summary>
    Task<InstanceHistory> ReadAsync(string instanceId, CancellationToken cancellationToken);
}
