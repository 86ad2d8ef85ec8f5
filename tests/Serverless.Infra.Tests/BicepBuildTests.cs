using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// The Bicep CLI from NuGet builds and lints main.bicep and every module with zero diagnostics of any level, and
/// builds main.bicepparam.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class BicepBuildTests(CompiledInfra infra)
{
    [Fact]
    public void Infra_has_main_and_a_module_per_resource_kind()
    {
        Assert.Equal(
            [
                "main.bicep",
                "modules/functionapp.bicep",
                "modules/identity.bicep",
                "modules/keyvault.bicep",
                "modules/monitoring.bicep",
                "modules/servicebus.bicep",
                "modules/storage.bicep"],
            CompiledInfra.BicepFiles);
    }

    [Fact]
    public void Every_bicep_file_builds_with_zero_diagnostics()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.ToString());
        Assert.True(infra.BuildReport.Diagnostics.Count == 0, string.Join('\n', infra.BuildReport.Diagnostics));
        Assert.Equal(CompiledInfra.BicepFiles.Count, infra.BuildReport.Logs);
        foreach (var file in CompiledInfra.BicepFiles)
        {
            var json = Path.Combine(infra.OutputDirectory, Path.ChangeExtension(file, ".json"));
            Assert.True(File.Exists(json), $"bicep build wrote no {json} for {file}.");
        }
    }

    [Fact]
    public void Every_bicep_file_lints_with_zero_diagnostics()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.ToString());
        Assert.True(infra.LintReport.Diagnostics.Count == 0, string.Join('\n', infra.LintReport.Diagnostics));
        Assert.Equal(CompiledInfra.BicepFiles.Count, infra.LintReport.Logs);
    }

    [Fact]
    public async Task Parameters_file_builds_and_takes_the_environment_name_from_AZURE_ENV_NAME()
    {
        var result = await BicepCli.RunAsync(CompiledInfra.InfraDirectory,
            ["build-params", "--no-restore", "main.bicepparam", "--stdout"],
            new Dictionary<string, string?> { ["AZURE_ENV_NAME"] = "probe-env" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.StandardError.Length == 0, result.ToString());
        var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!;
        Assert.Equal("probe-env", (string?)parameters["parameters"]!["environmentName"]!["value"]);
        Assert.Null(parameters["parameters"]!["location"]);
    }
}
