namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Reads what an instance scheduled from a runtime's history.</summary>
public interface IScheduledWorkSource
{
    /// <summary>
    /// The activities, timers and sub-orchestrations <paramref name="instanceId"/> scheduled, in history order, over all
    /// of its generations. Called once the instance is terminal.
    /// </summary>
    Task<IReadOnlyList<ScheduledWork>> ReadAsync(string instanceId, CancellationToken cancellationToken);
}
