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
        var options = Options.Create(new DurableTaskOptions
        {
            TaskHub = "conformance",
            MaxPollingInterval = PollInterval,
            MaxCachedInstances = scenario.ChangesCodeBetweenEpisodes ? 0 : new DurableTaskOptions().MaxCachedInstances,
        });
        await using var services = new ServiceCollection().BuildServiceProvider();
        var engine = new DurableTaskEngine(
            storage,
            registry,
            options,
            services,
            JsonDataConverter.Default,
            NullLoggerFactory.Instance,
            TimeProvider.System);
        await using var client = new EngineDurableTaskClient(
            storage,
            options,
            JsonDataConverter.Default,
            TimeProvider.System);
        using var worker = new EngineQueueService(
            engine,
            storage,
            NullLogger<EngineQueueService>.Instance,
            TimeProvider.System);
        await worker.StartAsync(cancellationToken);
        try
        {
            return await new ScenarioDriver(client, storage, PollInterval).RunAsync(scenario, cancellationToken);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    public override string ToString() => Name;
}
