namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Resumes the scenario's suspended instance.</summary>
/// <param name="Reason">The resumption reason.</param>
/// <param name="When">When the instance is resumed.</param>
public sealed record ResumeStep(string Reason, StepTrigger When) : ScenarioStep(When);
