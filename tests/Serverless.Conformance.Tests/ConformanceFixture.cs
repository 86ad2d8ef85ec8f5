using System.Collections.Concurrent;
using Serverless.Conformance.Tests.Runtimes;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Testing.Azurite;

namespace Serverless.Conformance.Tests;

/// <summary>
/// The runtimes of the conformance suite and the outcomes they produced: each (runtime, scenario) runs once per test
/// run, and both the behaviour tests and the differential tests read that one outcome.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Runtime, string Scenario), Lazy<Task<ScenarioOutcome>>> _outcomes = new();
    private readonly Dictionary<string, IOrchestrationRuntime> _runtimes = new(StringComparer.Ordinal);
    private AzuriteInstance? _azurite;

    /// <summary>The names of every runtime, the reference (the SDK's own in-memory replay) first.</summary>
    public static IReadOnlyList<string> RuntimeNames { get; } = [ConformanceRuntimes.SdkInMemory, ConformanceRuntimes.SdkAzureStorage, ConformanceRuntimes.Engine];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _runtimes[ConformanceRuntimes.SdkInMemory] = new InMemorySdkRuntime();
        _runtimes[ConformanceRuntimes.SdkAzureStorage] = new AzureStorageSdkRuntime(_azurite.ConnectionString);
        _runtimes[ConformanceRuntimes.Engine] = new EngineRuntime();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The outcome of <paramref name="scenario"/> on <paramref name="runtime"/>, run on first request.</summary>
    public Task<ScenarioOutcome> OutcomeAsync(string runtime, Scenario scenario)
        => _outcomes.GetOrAdd(
            (runtime, scenario.Name),
            _ => new Lazy<Task<ScenarioOutcome>>(() => _runtimes[runtime].RunAsync(scenario, CancellationToken.None))).Value;
}
