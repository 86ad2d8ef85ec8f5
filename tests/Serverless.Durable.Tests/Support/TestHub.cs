using System.Diagnostics.Metrics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Durable.Client;
using Serverless.Durable.Engine;
using Serverless.Durable.Serialization;
using Serverless.Storage;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Storage.Sqlite;
using Serverless.Workers.Queues;
using CoreHistoryEvent = DurableTask.Core.History.HistoryEvent;

namespace Serverless.Durable.Tests.Support;

/// <summary>
/// An engine and a client on a real SQLite file (or another backend through a storage factory), with a fake clock,
/// driven by hand: <see cref="RunUntilIdleAsync()"/> receives every visible message and calls the engine's two
/// handlers, as the workers would, one message at a time. Activities get their services from a real DI container (a
/// scope per run), payloads go through <see cref="SourceGeneratedDataConverter"/> over <see cref="TestJsonContext"/>.
/// </summary>
internal sealed partial class TestHub : IDisposable
{
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "durable-tests-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _providers = [];
    private readonly Func<TestHub, IStorageProvider>? _openStorage;

    /// <summary>
    /// A hub on one in-memory store, committed as Azure Storage and DynamoDB + SQS are (an outbox, no transactions):
    /// every engine and client of the hub shares it.
    /// </summary>
    public static TestHub InMemory(Action<DurableTaskRegistry> register, Action<DurableTaskOptions>? configure = null)
    {
        IStorageProvider? store = null;
        return new TestHub(
            register,
            configure: configure,
            storage: hub => store ??= new InMemoryStorageProvider(hub.Time));
    }

    public TestHub(
        Action<DurableTaskRegistry> register,
        int maxDequeueCount = 5,
        Action<IServiceCollection>? services = null,
        Action<DurableTaskOptions>? configure = null,
        Func<TestHub, IStorageProvider>? storage = null,
        IMeterFactory? meters = null)
    {
        _openStorage = storage;
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "hub.db");
        MaxDequeueCount = maxDequeueCount;
        configure?.Invoke(HubOptions);
        Registry = new DurableTaskRegistry();
        register(Registry);
        var collection = new ServiceCollection().AddSingleton(Effects);
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider();
        Storage = OpenStorage();
        Metrics = meters is null
            ? null
            : new DurableMetrics(meters, new CachedStorageReading<IReadOnlyList<QueueSample>>(
                QueueSampler.For(null, Storage, HubOptions, Time)!.ReadAsync,
                HubOptions.QueueMetricsInterval,
                Time));
        Engine = CreateEngine(Storage);
        Client = CreateClient(Storage);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public string DatabasePath { get; }

    public int MaxDequeueCount { get; }

    public DurableTaskRegistry Registry { get; }

    public ServiceProvider Services { get; }

    public DataConverter Converter { get; } = new SourceGeneratedDataConverter(TestJsonContext.Default);

    public IStorageProvider Storage { get; }

    /// <summary>
    /// The engine's metrics, on the meter factory the hub was given (none without one), its queue gauges reading this
    /// hub's storage.
    /// </summary>
    public DurableMetrics? Metrics { get; }

    public DurableTaskEngine Engine { get; private set; }

    public EngineDurableTaskClient Client { get; }

    public DurableTaskOptions HubOptions { get; } = new() { TaskHub = "tests", SweepGrace = TimeSpan.FromSeconds(30) };

    /// <summary>Every activity side effect, keyed by idempotency key, with how often it was applied.</summary>
    public SideEffects Effects { get; } = new();

    /// <summary>
    /// Opens the hub's storage again, as another process would: the same SQLite file, or, for a hub made with a storage
    /// factory (another backend), whatever the factory opens over the same data.
    /// </summary>
    public IStorageProvider OpenStorage()
    {
        if (_openStorage is not null)
        {
            return _openStorage(this);
        }

        var provider = new SqliteStorageProvider(
            new SqliteStorageOptions { DataSource = DatabasePath, Queues = new QueueOptions
            {
                MaxDequeueCount = MaxDequeueCount,
            } },
            Time);
        _providers.Add(provider);
        return provider;
    }

    public DurableTaskEngine CreateEngine(
        IStorageProvider storage, ILoggerFactory? loggerFactory = null, LocalQueueWorkers? worker = null) =>
        new(
            storage,
            Registry,
            Options.Create(HubOptions),
            Services,
            Converter,
            loggerFactory ?? NullLoggerFactory.Instance,
            Time,
            worker,
            Metrics);

    /// <summary>
    /// A client of this hub over <paramref name="storage"/> (wrap the hub's storage to inject faults or races).
    /// </summary>
    public EngineDurableTaskClient CreateClient(IStorageProvider storage) =>
        new(storage, Options.Create(HubOptions), Converter, Time);

    /// <summary>Replaces the engine, as a restarted worker process would (same registry, same database).</summary>
    public void RestartEngine(IStorageProvider storage) => Engine = CreateEngine(storage);

    /// <summary>The current execution's history, as the SDK's client returns it.</summary>
    public async Task<IList<CoreHistoryEvent>> HistoryAsync(string instanceId) =>
        await Client.GetOrchestrationHistoryAsync(instanceId);

    /// <summary>Delivers visible messages until none is left; returns how many were handled.</summary>
    public Task<int> RunUntilIdleAsync(int limit = 5_000) =>
        RunUntilIdleAsync(Storage, Engine, abandonOnError: true, limit);

    /// <summary>
    /// Delivers visible messages until none is left. With <paramref name="abandonOnError"/> a failed handler's message
    /// is returned to the queue (as a worker does); without it the failure escapes, as if the process died there.
    /// </summary>
    public static async Task<int> RunUntilIdleAsync(
        IStorageProvider storage,
        DurableTaskEngine engine,
        bool abandonOnError,
        int limit = 5_000)
    {
        var queues = new[] { engine.OrchestrationQueue }.Concat(engine.ActivityQueues)
            .Select(storage.GetQueue)
            .ToList();
        var handled = 0;
        while (handled < limit)
        {
            // Activities run here on claims settle first (their outcomes are commits, or messages to receive).
            await engine.LocalActivitiesIdleAsync();
            var any = false;
            foreach (var queue in queues)
            {
                foreach (var message in await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)))
                {
                    any = true;
                    handled++;
                    try
                    {
                        // As a worker's pump hands them over: a handler may complete the message with its own commit.
                        var delivery = new QueueCompletion(queue.Name, message);
                        var completed = queue.Name == engine.OrchestrationQueue
                            ? await engine.HandleWakeUpAsync(delivery)
                            : await engine.HandleWorkItemAsync(delivery);
                        if (!QueuePump.CompletedByHandler(completed, delivery))
                        {
                            await queue.CompleteAsync(message);
                        }
                    }
                    catch (Exception) when (abandonOnError)
                    {
                        await queue.AbandonAsync(message, TimeSpan.Zero);
                    }
                }
            }

            if (!any)
            {
                return handled;
            }
        }

        throw new InvalidOperationException($"Still busy after {limit} messages.");
    }

    /// <summary>Moves the clock on and delivers what became due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await RunUntilIdleAsync();
    }

    /// <summary>
    /// Delivers messages and moves the clock on by <paramref name="step"/> (a minute when absent) until the instance
    /// finishes; returns its state with input, output and custom status.
    /// </summary>
    public async Task<OrchestrationMetadata> RunToCompletionAsync(
        string instanceId,
        TimeSpan? step = null,
        int rounds = 100)
    {
        for (var round = 0; round < rounds; round++)
        {
            await RunUntilIdleAsync();
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (state is { IsCompleted: true })
            {
                return state;
            }

            Time.Advance(step ?? TimeSpan.FromMinutes(1));
        }

        throw new InvalidOperationException($"Instance {instanceId} did not finish.");
    }

    /// <summary>
    /// Starts <paramref name="orchestrator"/> with <paramref name="input"/>, under <paramref name="instanceId"/> when
    /// given.
    /// </summary>
    public Task<string> StartAsync(string orchestrator, object? input, string? instanceId = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            orchestrator,
            input,
            instanceId is null ? null : new StartOrchestrationOptions(instanceId));

    public void Dispose()
    {
        Services.Dispose();
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
