using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>
/// Every setting the Function App reads at start-up (storage, Service Bus, task hub, Application Insights) is set by
/// the template, under the names in infra/app-settings.json, with identity-based values.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class AppSettingsTests(CompiledInfra infra)
{
    private const string IdentityClientId = "[reference('identity').outputs.clientId.value]";

    // Flex Consumption takes these from functionAppConfig or does not support them; setting one fails the deployment.
    private static readonly string[] RejectedOnFlexConsumption =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "ENABLE_ORYX_BUILD",
    ];

    private JsonObject TemplateSettings => infra.Main.ModuleArgument("functionApp", "appSettings")!.AsObject();

    [Fact]
    public void Template_sets_exactly_the_listed_settings()
    {
        var listed = AppSettingsList.Read().Keys.Order(StringComparer.Ordinal).ToList();
        var set = TemplateSettings.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(listed, set);
    }

    [Fact]
    public void List_names_storage_service_bus_task_hub_and_application_insights_settings()
    {
        var listed = AppSettingsList.Read();

        Assert.All(
            [
                "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
                "ServiceBus__fullyQualifiedNamespace", "ServiceBus__credential", "ServiceBus__clientId",
                "TaskHubName", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            ],
            name => Assert.True(
                listed.TryGetValue(name, out var purpose) && purpose.Length > 0,
                $"{name} is not listed with its purpose."));
    }

    [Fact]
    public void The_function_app_applies_the_settings_main_passes()
    {
        var app = infra.Main.Module("functionApp");
        var appSettings = Assert.Single(
            app.OfType("Microsoft.Web/sites/config"),
            c => ((string?)c["name"])!.Contains("'appsettings'", StringComparison.Ordinal));

        Assert.Equal("[parameters('appSettings')]", (string?)appSettings["properties"]);
        Assert.Null(app.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]);
    }

    [Fact]
    public void Storage_connection_is_the_storage_account_by_the_app_identity()
    {
        Assert.Equal("[reference('storage').outputs.name.value]", Setting("AzureWebJobsStorage__accountName"));
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal(IdentityClientId, Setting("AzureWebJobsStorage__clientId"));
        var storage = infra.Main.Module("storage");
        Assert.Equal("[parameters('name')]", (string?)storage.Single("Microsoft.Storage/storageAccounts")["name"]);
        Assert.Equal("[parameters('name')]", (string?)storage.Outputs["name"]!["value"]);
    }

    [Fact]
    public void Service_bus_connection_is_the_namespace_by_the_app_identity()
    {
        Assert.Equal(
            "[reference('serviceBus').outputs.fullyQualifiedNamespace.value]",
            Setting("ServiceBus__fullyQualifiedNamespace"));
        Assert.Equal("managedidentity", Setting("ServiceBus__credential"));
        Assert.Equal(IdentityClientId, Setting("ServiceBus__clientId"));
    }

    [Fact]
    public void Task_hub_name_is_a_parameter_whose_default_durable_functions_accepts()
    {
        Assert.Equal("[parameters('taskHubName')]", Setting("TaskHubName"));
        var name = (string?)infra.Main.Parameters["taskHubName"]!["defaultValue"];

        // Azure Storage task hub names: 3-45 letters and digits, starting with a letter.
        Assert.True(name is not null && TaskHubNamePattern().IsMatch(name), $"Task hub default '{name}'.");
    }

    [Fact]
    public void Application_insights_is_reached_with_the_app_identity()
    {
        Assert.Equal(
            "[reference('monitoring').outputs.connectionString.value]",
            Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal(
            "[format('ClientId={0};Authorization=AAD', reference('identity').outputs.clientId.value)]",
            Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
    }

    [Fact]
    public void No_setting_is_one_flex_consumption_rejects()
    {
        var set = TemplateSettings.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(RejectedOnFlexConsumption, name => Assert.DoesNotContain(name, set));
        Assert.DoesNotContain("AzureWebJobsStorage", set);
    }

    private string? Setting(string name) => (string?)TemplateSettings[name];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
