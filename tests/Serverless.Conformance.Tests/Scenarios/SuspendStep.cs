namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Suspends the scenario's instance: it stops processing events (they are kept) until resumed.</summary>
/// <param name="Reason">The suspension reason.</param>
/// <param name="When">When the instance is suspended.</param>
public sealed record SuspendStep(string Reason, StepTrigger When) : ScenarioStep(When);
