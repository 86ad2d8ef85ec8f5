using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>
/// No output, app setting or parameter default carries a secret, and nothing in the template reads one.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class SecretTests(CompiledInfra infra)
{
    // ARM functions that return keys, SAS tokens or connection strings with credentials.
    private static readonly string[] SecretFunctions =
        [
            "listKeys(",
            "listConnectionStrings(",
            "listSecrets(",
            "listAccountSas(",
            "listServiceSas(",
            "listCredentials(",
            "listAdminKeys(",
            "listQueryKeys("];

    // What a credential looks like inside a value.
    private static readonly string[] SecretMarkers =
        [
            "AccountKey=",
            "SharedAccessKey=",
            "SharedAccessSignature=",
            "SharedAccessKeyName=",
            "Password=",
            "sig=",
            "ClientSecret"];

    [Fact]
    public void Template_calls_no_function_that_returns_a_key()
    {
        var text = infra.Main.Root.ToJsonString();

        Assert.All(SecretFunctions, f => Assert.DoesNotContain(f, text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_value_anywhere_in_the_template_looks_like_a_credential()
    {
        var strings = Strings(infra.Main.Root).ToList();

        Assert.All(SecretMarkers, marker =>
            Assert.DoesNotContain(strings, s => s.Contains(marker, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Outputs_are_names_and_urls_only()
    {
        Assert.All(infra.Main.Outputs, output =>
        {
            var (name, value) = (output.Key, output.Value!.AsObject());
            Assert.Equal("string", (string?)value["type"]);
            var expression = (string)value["value"]!;
            Assert.True(
                name.EndsWith("_NAME", StringComparison.Ordinal) || name.EndsWith("_URL", StringComparison.Ordinal)
                || name is "AZURE_RESOURCE_GROUP"
                    or "AZURE_SERVICE_BUS_NAMESPACE"
                    or "AZURE_SERVICE_BUS_TOPIC"
                    or "AZURE_SERVICE_BUS_SUBSCRIPTION",
                $"Output {name} is not a name or a URL.");
            Assert.DoesNotContain("connectionString", expression, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("key", expression, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("clientId", expression, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Main_declares_the_function_app_name_and_base_url_as_outputs()
    {
        Assert.Equal(
            "[reference('functionApp').outputs.name.value]",
            (string?)infra.Main.Outputs["AZURE_FUNCTION_APP_NAME"]?["value"]);
        Assert.Equal(
            "[format('https://{0}', reference('functionApp').outputs.defaultHostName.value)]",
            (string?)infra.Main.Outputs["AZURE_FUNCTION_APP_URL"]?["value"]);
    }

    [Fact]
    public void No_parameter_is_a_secret_or_defaults_to_one()
    {
        Assert.All(infra.Main.SelfAndModules().SelectMany(t => t.Parameters), parameter =>
        {
            var type = (string?)parameter.Value!["type"];
            Assert.False(
                type is "securestring" or "secureObject",
                $"Parameter {parameter.Key} is secure: nothing here should need a secret.");
            foreach (var word in new[] { "password", "secret", "key", "connectionString", "sas" })
            {
                Assert.False(parameter.Key.Contains(word, StringComparison.OrdinalIgnoreCase),
                    $"Parameter {parameter.Key} is named like a secret.");
            }

            var defaults = parameter.Value["defaultValue"] is { } d ? Strings(d).ToList() : [];
            Assert.All(
                SecretMarkers,
                marker => Assert.DoesNotContain(defaults, s => s.Contains(marker, StringComparison.OrdinalIgnoreCase)));
        });
    }

    [Fact]
    public void The_only_connection_string_is_application_insights_with_local_auth_off()
    {
        var settings = infra.Main.ModuleArgument("functionApp", "appSettings")!.AsObject();
        var readingConnectionStrings = settings
            .Where(s => ((string?)s.Value)?.Contains("connectionString", StringComparison.OrdinalIgnoreCase) == true)
            .Select(s => s.Key)
            .ToList();

        Assert.Equal(["APPLICATIONINSIGHTS_CONNECTION_STRING"], readingConnectionStrings);
        // Endpoint + component id: with local authentication disabled, ingestion needs the identity's Entra token.
        var applicationInsights = infra.Main.Module("monitoring").Single("Microsoft.Insights/components");
        Assert.True((bool)applicationInsights["properties"]!["DisableLocalAuth"]!);
        Assert.Equal(
            "[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), " +
                "'2020-02-02').ConnectionString]",
            (string?)infra.Main.Module("monitoring").Outputs["connectionString"]!["value"]);
    }

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value!).Prepend(p.Key)),
        JsonArray a => a.SelectMany(e => e is null ? [] : Strings(e)),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
