namespace Serverless.Http.Limits;

/// <summary>
/// Per-client rate limits at the edge (the <c>Serverless:RateLimit</c> section on every host): a token bucket for each
/// client, known by its function key where one was presented and checked, else by its remote address. Off by default:
/// a local host serves one developer, and in Azure the Functions host and API Management sit in front.
/// </summary>
public sealed class ClientRateLimitOptions
{
    /// <summary>The configuration section, under every host's settings.</summary>
    public const string SectionName = "Serverless:RateLimit";

    /// <summary>Whether requests are limited at all (default <see langword="false"/>).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The most requests a client may make at once after a quiet spell: the bucket's size (default 100, a burst a
    /// page of the dashboard or a batch script makes).
    /// </summary>
    public int TokenLimit { get; set; } = 100;

    /// <summary>Tokens added to each bucket every <see cref="ReplenishmentPeriod"/> (default 50).</summary>
    public int TokensPerPeriod { get; set; } = 50;

    /// <summary>How often tokens are added (default 1 s: 50 requests a second sustained per client).</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The checks that make a limit meaningful, each failure naming its setting.</summary>
    public IEnumerable<string> Validate()
    {
        if (TokenLimit < 1)
        {
            yield return $"{SectionName}:TokenLimit is {TokenLimit}; it must be at least 1.";
        }

        if (TokensPerPeriod < 1)
        {
            yield return $"{SectionName}:TokensPerPeriod is {TokensPerPeriod}; it must be at least 1.";
        }

        if (ReplenishmentPeriod <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:ReplenishmentPeriod is {ReplenishmentPeriod}; it must be positive.";
        }
    }
}
