namespace Serverless.Conformance.Tests.Catalog;

/// <summary>The input of each generation of <see cref="ContinueAsNewScenarios"/>' orchestrator.</summary>
/// <param name="Number">0 for the first generation.</param>
/// <param name="Carried">What the previous generation passed on.</param>
public sealed record Generation(int Number, string Carried);
