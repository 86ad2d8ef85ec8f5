using System.Globalization;
using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// The compiled template's security settings: no shared keys, no public blobs, TLS 1.2+, HTTPS only, no FTP or basic
/// auth.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class SecureDefaultsTests(CompiledInfra infra)
{
    private ArmTemplate Storage => infra.Main.Module("storage");

    private JsonObject Site => infra.Main.Module("functionApp").Single("Microsoft.Web/sites");

    [Fact]
    public void Storage_account_disables_shared_key_access_and_public_blob_access()
    {
        var properties = Storage.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Fact]
    public void Storage_account_requires_https_and_tls_1_2_or_later()
    {
        var properties = Storage.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        AssertTlsAtLeast12((string?)properties["minimumTlsVersion"], "storage minimumTlsVersion");
    }

    [Fact]
    public void Deployment_container_is_private()
    {
        var container = Storage.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public void Function_app_is_https_only_with_tls_1_2_or_later_on_the_app_and_scm_sites()
    {
        var siteConfig = Site["properties"]!["siteConfig"]!;

        Assert.True((bool)Site["properties"]!["httpsOnly"]!);
        AssertTlsAtLeast12((string?)siteConfig["minTlsVersion"], "siteConfig.minTlsVersion");
        AssertTlsAtLeast12((string?)siteConfig["scmMinTlsVersion"], "siteConfig.scmMinTlsVersion");
    }

    [Fact]
    public void Function_app_disables_ftp()
    {
        Assert.Equal("Disabled", (string?)Site["properties"]!["siteConfig"]!["ftpsState"]);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public void Function_app_disables_basic_auth_publishing(string endpoint)
    {
        var policy = infra.Main.Module("functionApp").OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .SingleOrDefault(p => ((string?)p["name"])?.Contains($"'{endpoint}'", StringComparison.Ordinal) == true);

        Assert.True(policy is not null, $"No basicPublishingCredentialsPolicies/{endpoint} resource.");
        Assert.False((bool)policy["properties"]!["allow"]!);
    }

    [Fact]
    public void Service_bus_disables_local_auth_and_requires_tls_1_2_or_later()
    {
        var properties = infra.Main.Module("serviceBus").Single("Microsoft.ServiceBus/namespaces")["properties"]!;

        Assert.True((bool)properties["disableLocalAuth"]!);
        AssertTlsAtLeast12((string?)properties["minimumTlsVersion"], "Service Bus minimumTlsVersion");
    }

    [Fact]
    public void Application_insights_disables_local_auth_and_sits_on_the_log_analytics_workspace()
    {
        var monitoring = infra.Main.Module("monitoring");
        var component = monitoring.Single("Microsoft.Insights/components")["properties"]!;
        var workspace = monitoring.Single("Microsoft.OperationalInsights/workspaces");

        Assert.True((bool)component["DisableLocalAuth"]!);
        Assert.Equal(
            $"[resourceId('Microsoft.OperationalInsights/workspaces', {Unbracket((string)workspace["name"]!)})]",
            (string?)component["WorkspaceResourceId"]);
    }

    // "TLS1_2" (storage) or "1.2" (App Service, Service Bus): at least 1.2 either way.
    private static void AssertTlsAtLeast12(string? value, string what)
    {
        Assert.True(value is not null, $"{what} is not set.");
        var version = decimal.Parse(
            value.Replace("TLS", "", StringComparison.Ordinal).Replace('_', '.'),
            CultureInfo.InvariantCulture);
        Assert.True(version >= 1.2m, $"{what} is {value}.");
    }

    private static string Unbracket(string expression) => expression.TrimStart('[').TrimEnd(']');
}
