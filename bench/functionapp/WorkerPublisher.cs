using Serverless.Bench.Kit;

namespace Serverless.Bench.FunctionApp;

/// <summary>
/// Publishes functions/Serverless.Functions as one <see cref="Variant"/> into its own artifacts folder
/// (<see cref="DotnetPublish"/>), so it neither races other builds in the work tree nor shares intermediate files with
/// another variant.
/// </summary>
internal static class WorkerPublisher
{
    public const string Project = "functions/Serverless.Functions/Serverless.Functions.csproj";

    /// <summary>Publishes and returns the publish folder.</summary>
    public static string Publish(string repository, string workDirectory, Variant variant) => DotnetPublish.Run(
        repository,
        workDirectory,
        variant.Name,
        Path.Combine(repository, Project),
        ["-r", "linux-x64", .. variant.Properties],
        $"{variant.Name} ({string.Join(' ', variant.Properties)})");
}
