namespace Serverless.Durable.Engine;

/// <summary>What dispatching an <see cref="OutboxMessage"/> does.</summary>
internal enum OutboxMessageKind
{
    /// <summary>Send a queue message (an activity work item or a wake-up, possibly delayed).</summary>
    Send,

    /// <summary>Write an event into another instance's inbox and wake it.</summary>
    Deliver,

    /// <summary>Start a sub-orchestration instance.</summary>
    Start,
}
