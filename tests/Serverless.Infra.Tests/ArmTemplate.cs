using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>
/// A compiled ARM template (main.json or a module's template nested in it), read as JSON. Handles both layouts Bicep
/// emits: <c>resources</c> as an array, or (languageVersion 2.0) as an object keyed by symbolic name. Expressions
/// stay as text (<c>[parameters('name')]</c>); tests compare them with what the Bicep source means.
/// </summary>
internal sealed partial class ArmTemplate(JsonObject root)
{
    public JsonObject Root => root;

    /// <summary>
    /// Every resource declared directly in this template (modules are <c>Microsoft.Resources/deployments</c>).
    /// </summary>
    public IReadOnlyList<JsonObject> Resources => root["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()).ToList(),
        JsonObject byName => byName.Select(p => p.Value!.AsObject()).ToList(),
        _ => [],
    };

    public JsonObject Parameters => root["parameters"]?.AsObject() ?? [];

    public JsonObject Outputs => root["outputs"]?.AsObject() ?? [];

    /// <summary>Resources of one type (e.g. <c>Microsoft.Web/sites</c>), in this template only.</summary>
    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The one resource of <paramref name="type"/>; fails when there is none or more than one.</summary>
    public JsonObject Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>
    /// The module deployed under <paramref name="name"/> (its deployment name, also its symbolic name).
    /// </summary>
    public JsonObject ModuleDeployment(string name)
    {
        var deployment = OfType("Microsoft.Resources/deployments").SingleOrDefault(d => (string?)d["name"] == name);
        Assert.True(deployment is not null, $"No module deployment named '{name}'.");
        return deployment;
    }

    /// <summary>The template of the module deployed under <paramref name="name"/>.</summary>
    public ArmTemplate Module(string name) =>
        new(ModuleDeployment(name)["properties"]!["template"]!.AsObject());

    /// <summary>
    /// What main passes to a module parameter (a literal or an expression), or null when it passes nothing.
    /// </summary>
    public JsonNode? ModuleArgument(string module, string parameter) =>
        ModuleDeployment(module)["properties"]!["parameters"]?[parameter]?["value"];

    /// <summary>Every module template nested in this one, at any depth, with this one first.</summary>
    public IEnumerable<ArmTemplate> SelfAndModules()
    {
        yield return this;
        foreach (var deployment in OfType("Microsoft.Resources/deployments"))
        {
            foreach (var nested in new ArmTemplate(deployment["properties"]!["template"]!.AsObject()).SelfAndModules())
            {
                yield return nested;
            }
        }
    }

    /// <summary>The literal value of a variable (<c>variables('name')</c>).</summary>
    public string Variable(string name)
    {
        var value = root["variables"]?[name];
        Assert.True(value is JsonValue, $"No literal variable '{name}'.");
        return (string)value!;
    }

    /// <summary>
    /// <paramref name="expression"/> with every <c>variables('x')</c> whose value is a plain string literal replaced by
    /// that literal in quotes, so a test can read <c>subscriptionResourceId(..., 'b7e6...')</c>.
    /// </summary>
    public string Resolve(string expression) =>
        VariableReference().Replace(expression, m =>
            root["variables"]?[m.Groups[1].Value] is JsonValue value && value.TryGetValue<string>(out var text)
                ? $"'{text}'"
                : m.Value);

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}
