using System.Collections.Concurrent;
using Serverless.Conformance.Tests.Runtimes;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Azurite;

namespace Serverless.Conformance.Tests;

/// <summary>
/// The runtimes of the conformance suite and the outcomes they produced: each (runtime, scenario) runs once per test
/// run, and both the behaviour tests and the differential tests read that one outcome.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Runtime, string Scenario),
    Lazy<Task<(ScenarioOutcome Outcome, IScenarioWorld? World)>>> _runs = new();
    private readonly Dictionary<string, IOrchestrationRuntime> _runtimes = new(StringComparer.Ordinal);
    private AzuriteInstance? _azurite;

    /// <summary>The names of every runtime, the reference (the SDK's own in-memory replay) first.</summary>
    public static IReadOnlyList<string> RuntimeNames { get; } = [
        ConformanceRuntimes.SdkInMemory,
        ConformanceRuntimes.SdkAzureStorage,
        ConformanceRuntimes.Engine];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _runtimes[ConformanceRuntimes.SdkInMemory] = new InMemorySdkRuntime();
        _runtimes[ConformanceRuntimes.SdkAzureStorage] = new AzureStorageSdkRuntime(_azurite.ConnectionString);
        _runtimes[ConformanceRuntimes.Engine] = new EngineRuntime();
    }

    public async Task DisposeAsync()
    {
        foreach (var run in _runs.Values.Where(run => run.IsValueCreated && run.Value.IsCompletedSuccessfully))
        {
            if (run.Value.Result.World is { } world)
            {
                await world.DisposeAsync();
            }
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// The outcome of <paramref name="scenario"/> on <paramref name="runtime"/>, run on first request.
    /// </summary>
    public async Task<ScenarioOutcome> OutcomeAsync(string runtime, Scenario scenario)
        => (await RunAsync(runtime, scenario)).Outcome;

    /// <summary>
    /// The world <paramref name="scenario"/> acted on in its run on <paramref name="runtime"/> (see
    /// <see cref="Scenario.NewWorld"/>), as it was left at the end of that run.
    /// </summary>
    public async Task<TWorld> WorldAsync<TWorld>(string runtime, Scenario scenario)
        where TWorld : IScenarioWorld
        => (await RunAsync(runtime, scenario)).World is TWorld world
            ? world
            : throw new InvalidOperationException($"Scenario {scenario.Name} has no world of type " +
                $"{typeof(TWorld).Name}.");

    private Task<(ScenarioOutcome Outcome, IScenarioWorld? World)> RunAsync(string runtime, Scenario scenario)
        => _runs.GetOrAdd(
            (runtime, scenario.Name),
            _ => new Lazy<Task<(ScenarioOutcome, IScenarioWorld?)>>(() =>
                RunOnceAsync(_runtimes[runtime], scenario))).Value;

    private static async Task<(ScenarioOutcome, IScenarioWorld?)> RunOnceAsync(
        IOrchestrationRuntime runtime,
        Scenario scenario)
    {
        if (scenario.NewWorld is null)
        {
            return (await runtime.RunAsync(scenario, CancellationToken.None), null);
        }

        var world = await scenario.NewWorld(CancellationToken.None);
        return (await runtime.RunAsync(scenario with { Register = world.Register }, CancellationToken.None), world);
    }
}
