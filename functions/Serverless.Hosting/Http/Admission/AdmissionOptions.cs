namespace Serverless.Hosting.Http.Admission;

/// <summary>
/// When the host refuses new work (<c>Serverless:Admission</c>): once new orchestrations wait longer than
/// <see cref="MaxStartDelay"/> to begin, the endpoints marked with admission control answer 503 with
/// <c>Retry-After</c> until they begin promptly again.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>Whether admission control is on (default <see langword="true"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a new orchestration may wait to begin before new work is refused (default 250 ms). A host with room
    /// to spare begins one within milliseconds, even at its open-loop rate; a flood, whose backlog grows every second,
    /// passes it within a second. Lower bounds the latency of accepted orders more tightly and refuses sooner.
    /// </summary>
    public TimeSpan MaxStartDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    internal IEnumerable<string> Validate(string section)
    {
        if (MaxStartDelay <= TimeSpan.Zero)
        {
            yield return $"{section}:MaxStartDelay is {MaxStartDelay}; it must be positive.";
        }
    }
}
