using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>infra/bicepconfig.json makes the linter's security rules errors, and the CLI applies it.</summary>
public sealed class BicepConfigTests : IDisposable
{
    private static readonly string[] SecurityRules =
    [
        "adminusername-should-not-be-literal",
        "no-hardcoded-env-urls",
        "outputs-should-not-contain-secrets",
        "protect-commandtoexecute-secrets",
        "secure-parameter-default",
        "secure-params-in-nested-deploy",
        "secure-secrets-in-params",
        "use-secure-value-for-secure-inputs",
    ];

    private readonly string _probeDirectory =
        Path.Combine(Path.GetTempPath(), "serverless-infra-tests", "probe-" + Guid.NewGuid().ToString("N"));

    public BicepConfigTests() => Directory.CreateDirectory(_probeDirectory);

    [Fact]
    public void Config_sets_every_security_rule_to_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(CompiledInfra.InfraDirectory, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!;

        Assert.True((bool?)config["analyzers"]!["core"]!["enabled"] ?? true, "The core analyzers are disabled.");
        foreach (var rule in SecurityRules)
        {
            Assert.True((string?)rules[rule]?["level"] == "error", $"{rule} is not an error in bicepconfig.json.");
        }
    }

    [Fact]
    public async Task A_template_that_outputs_a_storage_key_fails_to_build_with_the_config()
    {
        // A probe outside infra/, built with infra's config: what would happen to a module that leaked a key.
        await File.WriteAllTextAsync(Path.Combine(_probeDirectory, "leak.bicep"), """
            param accountName string

            resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
              name: accountName
            }

            output key string = account.listKeys().keys[0].value
            """);

        var result = await BicepCli.RunAsync(_probeDirectory,
            [
                "build",
                "--no-restore",
                "leak.bicep",
                "--stdout",
                "--config",
                Path.Combine(CompiledInfra.InfraDirectory, "bicepconfig.json")]);

        Assert.True(result.ExitCode != 0, $"The leaking template built.\n{result}");
        Assert.Contains("Error outputs-should-not-contain-secrets", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hardcoded_cloud_url_fails_to_build_with_the_config()
    {
        await File.WriteAllTextAsync(Path.Combine(_probeDirectory, "url.bicep"), """
            output endpoint string = 'https://example.blob.core.windows.net/'
            """);

        var result = await BicepCli.RunAsync(_probeDirectory,
            [
                "build",
                "--no-restore",
                "url.bicep",
                "--stdout",
                "--config",
                Path.Combine(CompiledInfra.InfraDirectory, "bicepconfig.json")]);

        Assert.True(result.ExitCode != 0, $"The template with a hard-coded URL built.\n{result}");
        Assert.Contains("Error no-hardcoded-env-urls", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_probeDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is only disk space.
        }
    }
}
