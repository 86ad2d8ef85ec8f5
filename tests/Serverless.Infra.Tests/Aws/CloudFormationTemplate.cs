using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// A synthesized CloudFormation template, read as JSON: resources by logical id, with the intrinsic functions
/// (<c>Ref</c>, <c>Fn::GetAtt</c>) left as they are and resolved to logical ids where a test follows a reference.
/// </summary>
internal sealed class CloudFormationTemplate(JsonObject root)
{
    public JsonObject Root => root;

    public IReadOnlyDictionary<string, JsonObject> Resources { get; } =
        root[nameof(Resources)]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);

    /// <summary>The resources of one type (<c>AWS::SQS::Queue</c>) by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> OfType(string type) =>
        Resources.Where(r => (string?)r.Value["Type"] == type).ToDictionary(StringComparer.Ordinal);

    public JsonObject Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches.Values.Single();
    }

    public static JsonNode Properties(JsonObject resource) => resource["Properties"]!;

    /// <summary>The logical id a <c>Ref</c> or <c>Fn::GetAtt</c> points at, or null for anything else.</summary>
    public static string? Target(JsonNode? reference) => reference switch
    {
        JsonObject o when o["Ref"] is JsonValue r => (string?)r,
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => (string?)a[0],
        _ => null,
    };

    /// <summary>The SQS queue with this name (the literal QueueName); fails when there is none.</summary>
    public KeyValuePair<string, JsonObject> QueueNamed(string name)
    {
        var queue = OfType("AWS::SQS::Queue").SingleOrDefault(q => (string?)Properties(q.Value)["QueueName"] == name);
        Assert.True(queue.Key is not null, $"No queue named {name}.");
        return queue;
    }

    /// <summary>Every statement of every IAM policy, with the policy's logical id.</summary>
    public IEnumerable<(string Policy, JsonObject Statement)> PolicyStatements() =>
        OfType("AWS::IAM::Policy").SelectMany(p =>
            Properties(p.Value)["PolicyDocument"]!["Statement"]!.AsArray().Select(s => (p.Key, s!.AsObject())));

    /// <summary>A value that may be one item or an array of them, as a list.</summary>
    public static IReadOnlyList<JsonNode?> List(JsonNode? node) => node is JsonArray array ? [.. array] : [node];
}
