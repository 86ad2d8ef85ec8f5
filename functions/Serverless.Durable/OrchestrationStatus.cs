namespace Serverless.Durable;

/// <summary>The runtime status of an orchestration instance (named as Durable Functions names them).</summary>
public enum OrchestrationStatus
{
    /// <summary>Started but no episode has run yet.</summary>
    Pending,

    /// <summary>In progress.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished because the orchestrator threw.</summary>
    Failed,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,
}
