using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Durable;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Workers;
using Serverless.Storage.InMemory;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// Our engine: the scenario's SDK classes on <see cref="DurableTaskEngine"/> with its in-process worker and
/// <see cref="EngineDurableTaskClient"/>, over fresh in-memory storage, in real time like the SDK runtimes. Payloads go
/// through the SDK's default JSON converter, as on the SDK runtimes, so outputs compare as the same JSON.
/// </summary>
public sealed class EngineRuntime : IOrchestrationRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public string Name => ConformanceRuntimes.Engine;

    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var storage = new HistoryRecordingStorage(new InMemoryStorageProvider(TimeProvider.System));
        var registry = new DurableTaskRegistry();
        scenario.Register(registry);
        DurableTaskOptions NewOptions() => new()
        {
            TaskHub = "conformance",
            MaxPollingInterval = PollInterval,
            MaxCachedInstances = scenario.ChangesCodeBetweenEpisodes ? 0 : new DurableTaskOptions().MaxCachedInstances,
        };

        // The client's options are its own: its default version is the scenario's client default, not the worker's.
        var clientOptions = NewOptions();
        clientOptions.DefaultVersion = scenario.Versioning?.ClientDefaultVersion ?? string.Empty;
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var client = new EngineDurableTaskClient(
            storage,
            Options.Create(clientOptions),
            JsonDataConverter.Default,
            TimeProvider.System);
        await using var workers = new EngineWorkers(storage, registry, services, NewOptions);
        await workers.StartAsync(scenario.Versioning?.Worker, cancellationToken);
        var driver = new ScenarioDriver(client, storage, PollInterval) { Workers = workers };
        return await driver.RunAsync(scenario, cancellationToken);
    }

    public override string ToString() => Name;
}
