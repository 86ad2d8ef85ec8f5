namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// A runtime that runs Durable Task SDK orchestrations: the SDK's own replay, the Durable Functions Azure Storage
/// backend, or our engine. Every implementation runs each <see cref="Scenario"/> on a fresh registry and store, so
/// runs never see each other.
/// </summary>
public interface IOrchestrationRuntime
{
    /// <summary>The runtime's name in test names and messages.</summary>
    string Name { get; }

    /// <summary>Registers the scenario's tasks, starts it, applies its steps and returns the outcome.</summary>
    Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken cancellationToken);
}
