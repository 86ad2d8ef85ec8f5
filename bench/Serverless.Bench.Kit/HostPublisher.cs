namespace Serverless.Bench.Kit;

/// <summary>
/// Publishes the host as one flavour (<c>-p:Flavor=NAME</c>, see functions/Serverless.Host/Publish.props; a name ending
/// in <c>Azure</c> or <c>Aws</c> adds <c>-p:Cloud=Azure</c> or <c>-p:Cloud=Aws</c>, e.g. <c>AotAzure</c>,
/// <c>AotAws</c>). A flavour that does not publish comes back with its <see cref="Flavor.PublishFailure"/>: its row
/// reports it, and the others are measured.
/// </summary>
public static class HostPublisher
{
    /// <summary>The suffix of a flavour name that publishes the Azure build (<c>-p:Cloud=Azure</c>).</summary>
    public const string AzureSuffix = "Azure";

    /// <summary>The suffix of a flavour name that publishes the AWS build (<c>-p:Cloud=Aws</c>).</summary>
    public const string AwsSuffix = "Aws";

    private static readonly string[] CloudSuffixes = [AzureSuffix, AwsSuffix];

    public static Flavor Publish(string repository, string workDirectory, string flavor)
    {
        string[] properties = Cloud(flavor) is { } cloud
            ? [$"-p:Flavor={flavor[..^cloud.Length]}", $"-p:Cloud={cloud}"]
            : [$"-p:Flavor={flavor}"];
        try
        {
            return new Flavor(flavor, DotnetPublish.Run(
                repository,
                workDirectory,
                flavor,
                Path.Combine(repository, "functions", "Serverless.Host", "Serverless.Host.csproj"),
                properties));
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return new Flavor(flavor, Path.Combine(workDirectory, "publish", flavor))
            {
                PublishFailure = exception.Message,
            };
        }
    }

    /// <summary>The cloud a flavour's name ends with (<c>Azure</c> or <c>Aws</c>), or null for SQLite only.</summary>
    public static string? Cloud(string flavor) =>
        CloudSuffixes.FirstOrDefault(suffix =>
            flavor.EndsWith(suffix, StringComparison.Ordinal) && flavor.Length > suffix.Length);
}
