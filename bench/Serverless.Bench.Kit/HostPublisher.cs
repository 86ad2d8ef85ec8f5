namespace Serverless.Bench.Kit;

/// <summary>
/// Publishes the host as one flavour (<c>-p:Flavor=NAME</c>, see functions/Serverless.Host/Publish.props; a name ending
/// in <c>Azure</c> adds <c>-p:Cloud=Azure</c>, e.g. <c>AotAzure</c>). A flavour that does not publish comes back with
/// its <see cref="Flavor.PublishFailure"/>: its row reports it, and the others are measured.
/// </summary>
public static class HostPublisher
{
    /// <summary>The suffix of a flavour name that publishes the Azure build (<c>-p:Cloud=Azure</c>).</summary>
    public const string AzureSuffix = "Azure";

    public static Flavor Publish(string repository, string workDirectory, string flavor)
    {
        var azure = flavor.EndsWith(AzureSuffix, StringComparison.Ordinal) && flavor.Length > AzureSuffix.Length;
        string[] properties = azure
            ? [$"-p:Flavor={flavor[..^AzureSuffix.Length]}", "-p:Cloud=Azure"]
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
}
