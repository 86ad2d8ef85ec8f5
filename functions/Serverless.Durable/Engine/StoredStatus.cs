namespace Serverless.Durable.Engine;

/// <summary>The status stored on an instance row (its names are written to storage: never rename one).</summary>
internal enum StoredStatus
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

    /// <summary>Paused by a suspend request: arriving messages wait in the inbox until it is resumed.</summary>
    Suspended,
}
