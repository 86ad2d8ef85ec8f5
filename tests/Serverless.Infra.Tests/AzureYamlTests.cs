namespace Serverless.Infra.Tests;

/// <summary>
/// azure.yaml at the root: `azd up` provisions infra/main.bicep and deploys functions/Serverless.Functions as a
/// Function App to the app the template tags with the same service name.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class AzureYamlTests(CompiledInfra infra)
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryRoot.Combine("azure.yaml"));

    [Fact]
    public void Infra_is_the_bicep_module_main_in_infra()
    {
        var infraSection = Section("infra:");

        Assert.Contains("provider: bicep", infraSection);
        Assert.Contains("path: infra", infraSection);
        Assert.Contains("module: main", infraSection);
    }

    [Fact]
    public void The_one_service_deploys_the_function_app_project_as_a_dotnet_function()
    {
        var services = Section("services:");
        var service = Assert.Single(services, l => !l.StartsWith(' ')).TrimEnd(':');

        Assert.Equal(infra.Main.ModuleArgument("functionApp", "azdServiceName")?.GetValue<string>(), service);
        Assert.Contains("project: ./functions/Serverless.Functions", services.Select(l => l.Trim()));
        Assert.Contains("language: dotnet", services.Select(l => l.Trim()));
        Assert.Contains("host: function", services.Select(l => l.Trim()));
    }

    [Fact]
    public void The_function_app_carries_the_azd_service_tag()
    {
        Assert.Equal(
            "[union(parameters('tags'), createObject('azd-service-name', parameters('azdServiceName')))]",
            (string?)infra.Main.Module("functionApp").Single("Microsoft.Web/sites")["tags"]);
    }

    // The lines indented under a top-level key, with their first two spaces removed.
    private static List<string> Section(string key) =>
        Lines.SkipWhile(l => l != key).Skip(1)
            .TakeWhile(l => l.Length == 0 || l.StartsWith(' '))
            .Where(l => l.Trim().Length > 0)
            .Select(l => l[2..])
            .ToList();
}
