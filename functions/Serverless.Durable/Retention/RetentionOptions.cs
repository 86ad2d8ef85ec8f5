namespace Serverless.Durable.Retention;

/// <summary>
/// How long finished orchestration instances (<c>Completed</c>, <c>Failed</c>, <c>Terminated</c>) keep their instance
/// row and history before the background retention purges them. Only orchestration state goes: what the orchestrations
/// wrote elsewhere (orders, stock, payments) is the application's and stays.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The default <see cref="MaxAge"/>: a week.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(7);

    /// <summary>
    /// How long after its last update a finished instance is kept. Zero (or less) turns retention off: nothing is
    /// purged but by the purge APIs.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = DefaultMaxAge;

    /// <summary>
    /// How often a worker looks for expired instances (one pass right after start, then one per interval).
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most expired candidates one batch reads and purges (1-1000). Each instance is purged in its own small
    /// transaction, so a large backlog goes a batch at a time between the workers' own writes.
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Whether retention runs at all (<see cref="MaxAge"/> above zero).</summary>
    public bool Enabled => MaxAge > TimeSpan.Zero;

    /// <summary>Every setting out of range, one line each naming it (<c>Durable:Retention:...</c>).</summary>
    internal IEnumerable<string> Validate()
    {
        if (BatchSize is < 1 or > 1000)
        {
            yield return $"Durable:Retention:BatchSize is {BatchSize}; it must be 1-1000.";
        }

        if (MaxAge < TimeSpan.Zero)
        {
            yield return $"Durable:Retention:MaxAge is {MaxAge}; it must be 0 (retention off) or more.";
        }

        if (Enabled && Interval <= TimeSpan.Zero)
        {
            yield return $"Durable:Retention:Interval is {Interval}; it must be above zero.";
        }
    }
}
