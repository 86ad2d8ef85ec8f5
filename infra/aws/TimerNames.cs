namespace Serverless.Infra.Aws;

/// <summary>
/// The timers the host runs in the background locally, each an EventBridge Scheduler schedule on Lambda. A schedule
/// invokes the function with <c>{"timer":"&lt;name&gt;"}</c> (docs/aws.md): the Lambda adapter dispatches on the
/// name.
/// </summary>
internal static class TimerNames
{
    /// <summary>The engine's sweep of lost wake-ups and overdue timers (DurableTaskOptions.SweepInterval).</summary>
    public const string Sweep = "Sweep";

    /// <summary>The order reconciler (Orders:Reconciliation; the Function App's ReconcileOrders timer).</summary>
    public const string ReconcileOrders = "ReconcileOrders";

    /// <summary>Retention of finished instances (Durable:Retention; the Function App's PurgeHistory timer).</summary>
    public const string PurgeHistory = "PurgeHistory";

    public static IReadOnlyList<string> All { get; } = [Sweep, ReconcileOrders, PurgeHistory];

    /// <summary>The context key of a timer's schedule expression (<c>sweepSchedule</c>, ...).</summary>
    public static string ContextKey(string timer) => char.ToLowerInvariant(timer[0]) + timer[1..] + "Schedule";

    // Sweep: its 30 s rounded up to Scheduler's 1-minute minimum. Reconciler: every 5 minutes, as infra/ schedules the
    // Function App's (a backstop for orders whose orchestration ended unsettled). Retention: hourly, as on Azure.
    public static string DefaultSchedule(string timer) => timer switch
    {
        Sweep => "rate(1 minute)",
        ReconcileOrders => "rate(5 minutes)",
        PurgeHistory => "rate(1 hour)",
        _ => throw new ArgumentOutOfRangeException(nameof(timer), timer, "Not a timer of the host."),
    };
}
