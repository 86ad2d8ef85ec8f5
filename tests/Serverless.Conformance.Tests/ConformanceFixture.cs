using System.Collections.Concurrent;
using Serverless.Conformance.Tests.Runtimes;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests;

/// <summary>
/// The runtimes of the conformance suite and the outcomes they produced: each (runtime, scenario) runs once per test
/// run, and both the behaviour tests and the differential tests read that one outcome.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Runtime, string Scenario), Lazy<Task<ScenarioOutcome>>> _outcomes = new();
    private readonly Dictionary<string, IOrchestrationRuntime> _runtimes = new(StringComparer.Ordinal);

    /// <summary>The names of every runtime, the reference (the SDK's own in-memory replay) first.</summary>
    public static IReadOnlyList<string> RuntimeNames { get; } = [ConformanceRuntimes.SdkInMemory];

    public Task InitializeAsync()
    {
        _runtimes[ConformanceRuntimes.SdkInMemory] = new InMemorySdkRuntime();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The outcome of <paramref name="scenario"/> on <paramref name="runtime"/>, run on first request.</summary>
    public Task<ScenarioOutcome> OutcomeAsync(string runtime, Scenario scenario)
        => _outcomes.GetOrAdd(
            (runtime, scenario.Name),
            _ => new Lazy<Task<ScenarioOutcome>>(() => _runtimes[runtime].RunAsync(scenario, CancellationToken.None))).Value;
}
