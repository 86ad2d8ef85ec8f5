namespace Serverless.Conformance.Tests.Catalog.Tasks;

/// <summary>The input of <see cref="AppendActivity"/>.</summary>
/// <param name="Text">The text so far.</param>
/// <param name="Suffix">What to append.</param>
public sealed record AppendRequest(string Text, string Suffix);
