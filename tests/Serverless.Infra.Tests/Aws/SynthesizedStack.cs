using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// Runs <c>cdk synth</c> on infra/aws once (through cdk.json's app, as a user would) with a dummy account and region
/// and a placeholder <c>bootstrap</c>, and keeps the synthesized template for the tests.
/// </summary>
public sealed class SynthesizedStack : IAsyncLifetime
{
    public const string Account = "123456789012";

    public const string Region = "eu-west-1";

    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "serverless-infra-tests", "cdk-" + Guid.NewGuid().ToString("N"));

    internal ProcessResult Synth { get; private set; } = ProcessResult.NotRun("not run");

    internal CloudFormationTemplate Template { get; private set; } =
        new(new JsonObject { ["Resources"] = new JsonObject() });

    public async Task InitializeAsync()
    {
        var bootstrap = Path.Combine(_directory, "bootstrap-dir");
        Directory.CreateDirectory(bootstrap);
        await File.WriteAllTextAsync(Path.Combine(bootstrap, "bootstrap"), "#!/bin/sh\nexit 1\n");
        var output = Path.Combine(_directory, "cdk.out");
        Synth = await CdkCli.RunAsync(
        [
            "synth",
            "--quiet",
            "--output",
            output,
            "-c",
            $"bootstrapDir={bootstrap}",
            "-c",
            $"account={Account}",
            "-c",
            $"region={Region}"]);
        var path = Path.Combine(output, "ServerlessOrders.template.json");
        if (File.Exists(path))
        {
            Template = new CloudFormationTemplate(JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject());
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is only disk space.
        }

        return Task.CompletedTask;
    }
}
