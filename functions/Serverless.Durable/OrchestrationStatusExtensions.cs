namespace Serverless.Durable;

/// <summary>Helpers on <see cref="OrchestrationStatus"/>.</summary>
public static class OrchestrationStatusExtensions
{
    /// <summary>Whether the instance has finished and will not change again (except by purge).</summary>
    public static bool IsTerminal(this OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated;
}
