namespace Serverless.Testing;

/// <summary>
/// The slow tiers, as xunit traits: <c>[Trait(Tier.Trait, Tier.Process)]</c> on a test class. A class without one is
/// in the fast tier (unit and in-process tests), which
/// <c>--filter "Tier!=Process&amp;Tier!=Azurite&amp;Tier!=Aws&amp;Tier!=Cdk&amp;...&amp;Tier!=Browser"</c> runs.
/// </summary>
public static class Tier
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Tier";

    /// <summary>Runs the host or a worker as a real process.</summary>
    public const string Process = "Process";

    /// <summary>Runs against an Azurite the tests start.</summary>
    public const string Azurite = "Azurite";

    /// <summary>Runs against the AWS emulators the tests start (DynamoDB Local).</summary>
    public const string Aws = "Aws";

    /// <summary>Runs the AWS CDK CLI (<c>cdk synth</c> of infra/aws on Node; npm ci on first use).</summary>
    public const string Cdk = "Cdk";

    /// <summary>Publishes with Native AOT or ReadyToRun.</summary>
    public const string Publish = "Publish";

    /// <summary>Puts hundreds of orders through the host.</summary>
    public const string Load = "Load";

    /// <summary>Drives the dashboard in headless Chromium (apt-get install of chromium on first use).</summary>
    public const string Browser = "Browser";
}
