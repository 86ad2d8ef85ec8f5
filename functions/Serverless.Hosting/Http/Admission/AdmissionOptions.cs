namespace Serverless.Hosting.Http.Admission;

/// <summary>
/// When the host refuses new work (<c>Serverless:Admission</c>): once work waits longer than
/// <see cref="MaxWorkDelay"/> to begin, the endpoints marked with admission control answer 503 with
/// <c>Retry-After</c> until it begins promptly again.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>Whether admission control is on (default <see langword="true"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest work (a new saga, a saga's next step) may wait for a worker before new orders are refused (default
    /// 50 ms). A host with room to spare begins it within a few milliseconds; a flood passes the bound at once. A saga
    /// waits several times, so the bound is a fraction of the latency it keeps: at 2.3 times the capacity the bench
    /// measured accepted orders' saga p99 at 0.37 s with 50 ms, 1.3 s with 100 ms and 7.3 s with 250 ms.
    /// </summary>
    public TimeSpan MaxWorkDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    internal IEnumerable<string> Validate(string section)
    {
        if (MaxWorkDelay <= TimeSpan.Zero)
        {
            yield return $"{section}:MaxWorkDelay is {MaxWorkDelay}; it must be positive.";
        }
    }
}
