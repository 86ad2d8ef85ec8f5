namespace Serverless.Infra.Tests;

/// <summary>
/// The app's identity holds exactly the built-in roles it needs, each at the narrowest scope: the three storage data
/// roles on the storage account, Service Bus Data Sender on the order-events topic, Monitoring Metrics Publisher on
/// the Application Insights component, and (with the card gateway) Key Vault Secrets User on the vault of its API key.
/// Nothing at resource-group or subscription scope. The deploying user, when named, may only read the storage tables
/// and blobs (the replay check before a deploy reads the live task hub).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class RoleAssignmentTests(CompiledInfra infra)
{
    private const string IdentityPrincipal = "[reference('identity').outputs.principalId.value]";

    // The deploying user's two read roles (the theory below).
    private const int DeployerAssignments = 2;

    public static TheoryData<string, string, string, string, string> ExpectedAssignments => new()
    {
        // module, role (built-in id), scope (the resource the role is on), the module parameter naming the principal,
        // role name
        { "storage", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "[resourceId('Microsoft.Storage/storageAccounts', " +
            "parameters('name'))]", "principalId", "Storage Blob Data Owner" },
        { "storage", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "[resourceId('Microsoft.Storage/storageAccounts', " +
            "parameters('name'))]", "principalId", "Storage Queue Data Contributor" },
        { "storage", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "[resourceId('Microsoft.Storage/storageAccounts', " +
            "parameters('name'))]", "principalId", "Storage Table Data Contributor" },
        { "serviceBus", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "[resourceId(" +
            "'Microsoft.ServiceBus/namespaces/topics', parameters('name'), parameters('topicName'))]",
            "senderPrincipalId", "Azure Service Bus Data Sender" },
        { "monitoring", "3913510d-42f4-4e42-8a64-420c390055eb", "[resourceId('Microsoft.Insights/components', " +
            "parameters('applicationInsightsName'))]", "publisherPrincipalId", "Monitoring Metrics Publisher" },
        { "vault", "4633458b-17de-408a-b874-0445c86b69e6", "[resourceId('Microsoft.KeyVault/vaults', " +
            "parameters('name'))]", "readerPrincipalId", "Key Vault Secrets User" },
    };

    [Theory]
    [MemberData(nameof(ExpectedAssignments))]
    public void Role_is_assigned_to_the_app_identity_on_the_resource_it_needs(
        string module, string roleId, string scope, string principalParameter, string roleName)
    {
        var template = infra.Main.Module(module);
        var assignments = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => template.Resolve((string)a["properties"]!["roleDefinitionId"]!).Contains(
                roleId,
                StringComparison.Ordinal))
            .ToList();

        var assignment = Assert.Single(assignments);
        var properties = assignment["properties"]!;
        Assert.Equal(
            $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleId}')]",
            template.Resolve((string)properties["roleDefinitionId"]!));
        Assert.True(
            scope == (string?)assignment["scope"],
            $"{roleName} is scoped to {assignment["scope"]}, not {scope}.");
        Assert.Equal($"[parameters('{principalParameter}')]", (string?)properties["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)properties["principalType"]);
        Assert.Equal(IdentityPrincipal, (string?)infra.Main.ModuleArgument(module, principalParameter));
    }

    [Theory]
    [InlineData("76199698-9eea-4c19-bc75-cec21354c6b6", "Storage Table Data Reader")]
    [InlineData("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader")]
    public void The_deploying_user_when_named_may_read_the_storage_account_for_the_replay_check(
        string roleId, string roleName)
    {
        var storage = infra.Main.Module("storage");
        var assignment = Assert.Single(
            storage.OfType("Microsoft.Authorization/roleAssignments"),
            a => storage.Resolve((string)a["properties"]!["roleDefinitionId"]!).Contains(
                roleId,
                StringComparison.Ordinal));

        Assert.True(
            (string?)assignment["condition"] == "[not(empty(parameters('deployerPrincipalId')))]",
            $"{roleName} is not conditional on a named deployer: {assignment}");
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]",
            (string?)assignment["scope"]);
        Assert.Equal("[parameters('deployerPrincipalId')]", (string?)assignment["properties"]!["principalId"]);
        Assert.Equal("User", (string?)assignment["properties"]!["principalType"]);
        Assert.Equal(
            "[parameters('deployerPrincipalId')]",
            (string?)infra.Main.ModuleArgument("storage", "deployerPrincipalId"));
        var parameters = File.ReadAllText(Path.Combine(CompiledInfra.InfraDirectory, "main.bicepparam"));
        Assert.Contains(
            "param deployerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')",
            parameters,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Scopes_name_the_deployed_resources()
    {
        // The scopes above are the storage account, the topic and the component each module deploys.
        Assert.Equal(
            "[parameters('name')]",
            (string?)infra.Main.Module("storage").Single("Microsoft.Storage/storageAccounts")["name"]);
        Assert.Equal(
            "[parameters('applicationInsightsName')]",
            (string?)infra.Main.Module("monitoring").Single("Microsoft.Insights/components")["name"]);
        Assert.Equal(
            "[format('{0}/{1}', parameters('name'), parameters('topicName'))]",
            (string?)infra.Main.Module("serviceBus").Single("Microsoft.ServiceBus/namespaces/topics")["name"]);
        Assert.Equal(
            "[variables('orderEventsTopicName')]",
            (string?)infra.Main.ModuleArgument("serviceBus", "topicName"));
        Assert.Equal("order-events", infra.Main.Variable("orderEventsTopicName"));
    }

    [Fact]
    public void No_other_role_is_assigned_anywhere_in_the_template()
    {
        var all = infra.Main.SelfAndModules()
            .SelectMany(t =>
                t.OfType("Microsoft.Authorization/roleAssignments")
                    .Select(a => t.Resolve((string)a["properties"]!["roleDefinitionId"]!)))
            .ToList();

        Assert.Equal(ExpectedAssignments.Count + DeployerAssignments, all.Count);
        Assert.All(infra.Main.SelfAndModules().SelectMany(t => t.OfType("Microsoft.Authorization/roleAssignments")),
            a => Assert.False(
                string.IsNullOrEmpty((string?)a["scope"]),
                $"A role assignment at resource-group scope: {a}"));
    }
}
