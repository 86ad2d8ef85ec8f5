namespace Serverless.Durable.History;

/// <summary>
/// The kinds of event in an orchestration's history (named as the Durable Task Framework names them).
/// </summary>
internal enum HistoryEventType
{
    /// <summary>An episode began; its timestamp is the orchestrator's current time for the episode.</summary>
    OrchestratorStarted,

    /// <summary>The execution began with an input.</summary>
    ExecutionStarted,

    /// <summary>The orchestrator scheduled an activity.</summary>
    TaskScheduled,

    /// <summary>An activity returned.</summary>
    TaskCompleted,

    /// <summary>An activity threw.</summary>
    TaskFailed,

    /// <summary>The orchestrator created a durable timer.</summary>
    TimerCreated,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>An external event arrived.</summary>
    EventRaised,

    /// <summary>The orchestrator started a sub-orchestration.</summary>
    SubOrchestrationInstanceCreated,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed,

    /// <summary>The execution finished (completed or failed).</summary>
    ExecutionCompleted,

    /// <summary>The execution was terminated.</summary>
    ExecutionTerminated,

    /// <summary>The execution ended by starting a new one.</summary>
    ContinuedAsNew,

    /// <summary>The orchestrator sent an event to another instance.</summary>
    EventSent,

    /// <summary>The instance was suspended: arriving messages wait in its inbox until it is resumed.</summary>
    ExecutionSuspended,

    /// <summary>The instance was resumed.</summary>
    ExecutionResumed,
}
