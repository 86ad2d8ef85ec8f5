namespace Serverless.Testing.Browser;

/// <summary>One rule axe-core found broken on a page.</summary>
/// <param name="Id">The rule, e.g. <c>color-contrast</c>.</param>
/// <param name="Impact"><c>minor</c>, <c>moderate</c>, <c>serious</c> or <c>critical</c>.</param>
/// <param name="Help">What the rule asks.</param>
/// <param name="Nodes">The offending elements' selectors.</param>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Nodes)
{
    /// <summary>Whether it is serious or critical.</summary>
    public bool IsSerious => Impact is "serious" or "critical";

    public override string ToString() => $"{Id} ({Impact}): {Help} at {string.Join(", ", Nodes)}";
}
