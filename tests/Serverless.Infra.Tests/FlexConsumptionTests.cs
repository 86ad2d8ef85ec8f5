using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// The Function App is a Linux Flex Consumption app running dotnet-isolated 10.0, deployed from a blob container it
/// reaches with its managed identity, with scale settings that main.bicep exposes as parameters.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class FlexConsumptionTests(CompiledInfra infra)
{
    private ArmTemplate App => infra.Main.Module("functionApp");

    private JsonNode Config => App.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!;

    [Fact]
    public void Plan_is_linux_flex_consumption()
    {
        var plan = App.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!, "reserved: true is what makes the plan Linux.");
        Assert.Equal("functionapp,linux", (string?)App.Single("Microsoft.Web/sites")["kind"]);
    }

    [Fact]
    public void Runtime_is_dotnet_isolated_10()
    {
        Assert.Equal("[parameters('runtimeName')]", (string?)Config["runtime"]!["name"]);
        Assert.Equal("[parameters('runtimeVersion')]", (string?)Config["runtime"]!["version"]);
        Assert.Equal("dotnet-isolated", Effective("runtimeName"));
        Assert.Equal("10.0", Effective("runtimeVersion"));
    }

    [Fact]
    public void App_runs_as_the_user_assigned_identity()
    {
        var identity = App.Single("Microsoft.Web/sites")["identity"]!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Equal(
            ["[format('{0}', parameters('identityResourceId'))]"],
            identity["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal("[reference('identity').outputs.resourceId.value]", Effective("identityResourceId"));
    }

    [Fact]
    public void Package_is_deployed_from_the_storage_container_by_the_app_identity()
    {
        var storage = Config["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal(
            "[format('{0}{1}', parameters('deploymentBlobEndpoint'), parameters('deploymentContainerName'))]",
            (string?)storage["value"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(
            "[parameters('identityResourceId')]",
            (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("[reference('storage').outputs.blobEndpoint.value]", Effective("deploymentBlobEndpoint"));

        // The same container name goes to the storage module, which creates it.
        Assert.Equal("[variables('deploymentContainerName')]", Effective("deploymentContainerName"));
        Assert.Equal(
            "[variables('deploymentContainerName')]",
            (string?)infra.Main.ModuleArgument("storage", "deploymentContainerName"));
    }

    [Theory]
    [InlineData("maximumInstanceCount")]
    [InlineData("instanceMemoryMB")]
    [InlineData("alwaysReady")]
    public void Scale_setting_is_a_parameter_of_main(string setting)
    {
        Assert.Equal($"[parameters('{setting}')]", (string?)Config["scaleAndConcurrency"]![setting]);
        Assert.Equal($"[parameters('{setting}')]", Effective(setting));
        Assert.True(
            infra.Main.Parameters[setting]?["defaultValue"] is not null,
            $"main.bicep's {setting} has no default.");
    }

    [Fact]
    public void Always_ready_instances_are_optional_and_off_by_default()
    {
        Assert.Empty(infra.Main.Parameters["alwaysReady"]!["defaultValue"]!.AsArray());
    }

    [Fact]
    public void Instance_memory_is_one_flex_consumption_offers()
    {
        var allowed = infra.Main.Parameters["instanceMemoryMB"]!["allowedValues"]!.AsArray()
            .Select(v => (int)v!)
            .ToList();

        Assert.Equal([512, 2048, 4096], allowed);
        Assert.Contains((int)infra.Main.Parameters["instanceMemoryMB"]!["defaultValue"]!, allowed);
    }

    [Fact]
    public void Storage_creates_the_order_events_queue_the_app_triggers_on()
    {
        Assert.Equal(
            ["[variables('orderEventsQueueName')]"],
            infra.Main.ModuleArgument("storage", "queueNames")!.AsArray().Select(v => (string?)v));
        Assert.Equal("order-events", infra.Main.Variable("orderEventsQueueName"));
    }

    [Fact]
    public void Order_events_topic_detects_duplicates_and_has_one_subscription()
    {
        var serviceBus = infra.Main.Module("serviceBus");

        var topic = serviceBus.Single("Microsoft.ServiceBus/namespaces/topics");
        Assert.True((bool)topic["properties"]!["requiresDuplicateDetection"]!);
        Assert.Single(serviceBus.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"));
        Assert.Equal("Standard", (string?)serviceBus.Single("Microsoft.ServiceBus/namespaces")["sku"]!["name"]);
    }

    [Fact]
    public void Everything_is_deployed_into_one_resource_group()
    {
        Assert.Equal(
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            (string?)infra.Main.Root["$schema"]);
        Assert.All(infra.Main.OfType("Microsoft.Resources/deployments"), d =>
        {
            Assert.Null(d["resourceGroup"]);
            Assert.Null(d["subscriptionId"]);
            Assert.Null(d["scope"]);
        });
        Assert.Empty(infra.Main.SelfAndModules().SelectMany(t => t.OfType("Microsoft.Resources/resourceGroups")));
    }

    // What the Function App module gets for a parameter: main's argument, else the module's default.
    private string? Effective(string parameter) =>
        (string?)(infra.Main.ModuleArgument("functionApp", parameter) ?? App.Parameters[parameter]?["defaultValue"]);
}
