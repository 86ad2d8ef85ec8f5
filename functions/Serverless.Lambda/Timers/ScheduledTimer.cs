namespace Serverless.Lambda.Timers;

/// <summary>The event an EventBridge Scheduler schedule of the stack sends: <c>{"timer":"&lt;name&gt;"}</c>.</summary>
public sealed class ScheduledTimer
{
    /// <summary>The timer to run, e.g. <c>Sweep</c>.</summary>
    public string Timer { get; init; } = "";
}
