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
    /// 250 ms). A host with room to spare begins it within milliseconds; a flood, whose backlog grows every second,
    /// passes the bound within a second. A lower bound keeps accepted orders' latency tighter and refuses sooner.
    /// </summary>
    public TimeSpan MaxWorkDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    internal IEnumerable<string> Validate(string section)
    {
        if (MaxWorkDelay <= TimeSpan.Zero)
        {
            yield return $"{section}:MaxWorkDelay is {MaxWorkDelay}; it must be positive.";
        }
    }
}
