namespace Serverless.Durable.Engine;

/// <summary>
/// Runs an orchestrator's continuations one at a time on the replaying thread, in the order they were queued, so a
/// replay makes the same decisions in the same order every time.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _ready = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs queued work until nothing is ready (the orchestrator is waiting on the engine, or done).</summary>
    public void RunUntilIdle()
    {
        // Without a synchronization context, an orchestrator's awaits come back to this scheduler whichever thread
        // completes what they await; under one (a test runner's, a UI's) they would go to that context instead.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (_ready.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    protected override void QueueTask(Task task) => _ready.Enqueue(task);

    // Never inline: every continuation goes through the queue so ordering does not depend on who completed a task.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _ready.ToArray();
}
