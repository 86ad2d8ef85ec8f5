using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>
/// Values Flex Consumption or Blob Storage would refuse at deployment are refused by the template first: the scale-out
/// limit is in Flex Consumption's range, and the deployment container's name, cut from the app's, is a valid name
/// whatever the app is called (evaluated by the Bicep CLI's console from main.bicep's own lines).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class FlexConsumptionLimitsTests(CompiledInfra infra)
{
    [Theory]
    [InlineData(null)]
    [InlineData("functionApp")]
    public void Maximum_instance_count_allows_only_flex_consumptions_range_40_to_1000(string? module)
    {
        var template = module is null ? infra.Main : infra.Main.Module(module);
        var parameter = template.Parameters["maximumInstanceCount"]!;

        Assert.Equal((40, 1000), ((int)parameter["minValue"]!, (int)parameter["maxValue"]!));
    }

    [Theory]
    [InlineData("func-abc123", "app-package-func-abc123")]
    [InlineData("orders-api-production-west-euro-prod", "app-package-orders-api-production-west-euro")]
    [InlineData("Orders--App", "app-package-orders-app")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "app-package-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Deployment_container_name_is_a_valid_blob_container_name_for_any_app_name(
        string appName,
        string expected)
    {
        var name = await EvaluateContainerNameAsync(appName);

        Assert.Equal(expected, name);
        Assert.Matches(ContainerName(), name);
    }

    private static async Task<string> EvaluateContainerNameAsync(string appName)
    {
        var declarations = File.ReadAllLines(Path.Combine(CompiledInfra.InfraDirectory, "main.bicep"))
            .Where(l => l.StartsWith("var deploymentContainer", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, declarations.Count);
        using var input = new TempDirectory("bicep-console");
        var script = Path.Combine(input.Path, "input.bicep");
        await File.WriteAllLinesAsync(
            script,
            [$"var appName = '{appName}'", .. declarations, "deploymentContainerName"]);

        var result = await ChildProcess.RunAsync(
            "/bin/bash",
            input.Path,
            ["-c", "\"$0\" console < \"$1\"", BicepCli.Executable, script]);

        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim().Split('\n')[^1].Trim().Trim('\'');
    }

    // Blob container names: 3-63 lowercase letters, digits and hyphens; a letter or digit first and last; no "--".
    [GeneratedRegex("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
