namespace Serverless.Infra.Tests;

/// <summary>
/// The payment gateway in the template: the simulator unless the <c>paymentGateway</c> parameter says <c>Card</c>;
/// then a Key Vault (RBAC, soft delete, purge protection) is deployed, the app's identity may read its secrets, and the
/// provider's API key reaches the app as a Key Vault reference resolved with that identity, never as a value.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class PaymentGatewayTests(CompiledInfra infra)
{
    private const string KeyReference =
        "[if(variables('cardPayments'), format('@Microsoft.KeyVault(SecretUri={0}secrets/{1})', " +
        "reference('vault').outputs.uri.value, variables('cardApiKeySecretName')), '')]";

    [Fact]
    public void The_simulator_is_the_default_and_the_card_gateway_a_choice()
    {
        var parameter = infra.Main.Parameters["paymentGateway"]!;

        Assert.Equal("Simulator", (string?)parameter["defaultValue"]);
        Assert.Equal(["Simulator", "Card"], parameter["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("[parameters('paymentGateway')]", Setting("Orders__Payments__Gateway"));
        Assert.Equal("[parameters('cardPaymentsBaseUrl')]", Setting("Orders__Payments__Card__BaseUrl"));
        Assert.Equal("[parameters('cardPaymentsCurrency')]", Setting("Orders__Payments__Card__Currency"));
    }

    [Fact]
    public void The_key_vault_is_deployed_only_for_the_card_gateway()
    {
        Assert.Equal("[variables('cardPayments')]", (string?)infra.Main.ModuleDeployment("vault")["condition"]);
        Assert.Equal(
            "[equals(parameters('paymentGateway'), 'Card')]",
            (string?)infra.Main.Root["variables"]!["cardPayments"]);
    }

    [Fact]
    public void The_api_key_is_a_key_vault_reference_to_a_versionless_secret_uri()
    {
        Assert.Equal(KeyReference, Setting("Orders__Payments__Card__ApiKey"));
        Assert.Equal("card-payments-api-key", infra.Main.Variable("cardApiKeySecretName"));
        Assert.Equal(
            "[reference(resourceId('Microsoft.KeyVault/vaults', parameters('name')), '2023-07-01').vaultUri]",
            (string?)infra.Main.Module("vault").Outputs["uri"]!["value"]);
    }

    [Fact]
    public void Key_vault_references_resolve_with_the_apps_user_assigned_identity()
    {
        var site = infra.Main.Module("functionApp").Single("Microsoft.Web/sites");

        Assert.Equal("[parameters('identityResourceId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal(
            "[reference('identity').outputs.resourceId.value]",
            (string?)infra.Main.ModuleArgument("functionApp", "identityResourceId"));
    }

    [Fact]
    public void The_vault_authorises_with_rbac_and_keeps_deleted_secrets()
    {
        var properties = infra.Main.Module("vault").Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.True((bool)properties["enablePurgeProtection"]!);
        Assert.Null(properties["accessPolicies"]);
    }

    [Fact]
    public void The_template_creates_no_secret()
    {
        Assert.All(
            infra.Main.SelfAndModules(),
            t => Assert.Empty(t.OfType("Microsoft.KeyVault/vaults/secrets")));
    }

    private string? Setting(string name) =>
        (string?)infra.Main.ModuleArgument("functionApp", "appSettings")![name];
}
