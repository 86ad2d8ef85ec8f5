namespace Serverless.Infra.Tests;

/// <summary>
/// Where the Function App's telemetry goes: a workspace-based Application Insights component on the Log Analytics
/// workspace the template deploys, accepting only Microsoft Entra tokens, with Monitoring Metrics Publisher for the
/// app's identity under a name derived from the component, the principal and the role (a redeployment finds the same
/// assignment instead of adding another), and the app's settings naming the component and that identity.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class ApplicationInsightsTests(CompiledInfra infra)
{
    private const string Component =
        "resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void The_component_is_workspace_based_on_the_deployed_workspace_and_takes_only_Entra_tokens()
    {
        var monitoring = infra.Main.Module("monitoring");
        var component = monitoring.Single("Microsoft.Insights/components");
        var workspace = monitoring.Single("Microsoft.OperationalInsights/workspaces");

        Assert.Equal("[parameters('logAnalyticsName')]", (string?)workspace["name"]);
        Assert.Equal(
            "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]",
            (string?)component["properties"]!["WorkspaceResourceId"]);
        Assert.True((bool)component["properties"]!["DisableLocalAuth"]!);
        Assert.True((bool)workspace["properties"]!["features"]!["disableLocalAuth"]!);
        Assert.Equal("[format('log-{0}', variables('resourceToken'))]", Argument("logAnalyticsName"));
        Assert.Equal("[format('appi-{0}', variables('resourceToken'))]", Argument("applicationInsightsName"));
    }

    [Fact]
    public void Monitoring_Metrics_Publisher_is_assigned_under_a_name_derived_from_component_principal_and_role()
    {
        var monitoring = infra.Main.Module("monitoring");
        var assignment = Assert.Single(monitoring.OfType("Microsoft.Authorization/roleAssignments"));

        Assert.Equal(
            $"[guid({Component}, parameters('publisherPrincipalId'), variables('monitoringMetricsPublisher'))]",
            (string?)assignment["name"]);
        Assert.Equal(MonitoringMetricsPublisher, monitoring.Variable("monitoringMetricsPublisher"));
        Assert.Equal($"[{Component}]", (string?)assignment["scope"]);
        Assert.Equal(
            "[reference('identity').outputs.principalId.value]",
            (string?)infra.Main.ModuleArgument("monitoring", "publisherPrincipalId"));
    }

    private string? Argument(string parameter) => (string?)infra.Main.ModuleArgument("monitoring", parameter);
}
