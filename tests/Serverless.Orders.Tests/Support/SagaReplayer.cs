using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.Engine;
using Serverless.Durable.History;
using Serverless.Durable.Replay;
using Serverless.Durable.Serialization;
using Serverless.Orders.Saga;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// Replays a stored <c>PlaceOrder</c> history with today's saga on the engine's own replay executor, one episode at a
/// time as the engine runs it: a fresh executor per episode, replaying everything before the episode and applying what
/// arrived in it. The orchestrator comes from <see cref="OrderSaga.Register"/> and payloads go through the host's
/// converter.
/// </summary>
internal sealed class SagaReplayer
{
    /// <summary>What the engine records when code and history disagree.</summary>
    public const string NonDeterminism = "DurableTask.Core.Exceptions.NonDeterministicOrchestrationException";

    private static readonly EngineOptions Hub = TaskHubStorage.Resolve("golden");
    private readonly DataConverter _converter = new SourceGeneratedDataConverter(OrderSaga.Payloads);
    private readonly RegisteredOrchestrator _orchestrator;
    private readonly IServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public SagaReplayer()
    {
        var registry = OrderSaga.CreateRegistry();
        var (name, create) = Assert.Single(registry.GetOrchestrators());
        Assert.Equal(PlaceOrderOrchestrator.Name, name.Name);
        _orchestrator = new RegisteredOrchestrator(name.Name, create);
    }

    public static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Saga", "Golden");

    public static List<StoredHistoryEvent> Read(string scenario)
    {
        // Read with the engine's own stored contract, as the engine reads its history rows.
        var history = JsonSerializer.Deserialize(
            File.ReadAllText(Path.Combine(GoldenDirectory, scenario + ".history.json")),
            DurableJsonContext.Default.ListStoredHistoryEvent);
        Assert.NotNull(history);
        Assert.NotEmpty(history);
        return history;
    }

    /// <summary>The history cut into episodes, each starting with its <c>OrchestratorStarted</c>.</summary>
    public static List<List<StoredHistoryEvent>> Episodes(IEnumerable<StoredHistoryEvent> history)
    {
        var episodes = new List<List<StoredHistoryEvent>>();
        foreach (var historyEvent in history)
        {
            if (historyEvent.Type == HistoryEventType.OrchestratorStarted || episodes.Count == 0)
            {
                episodes.Add([]);
            }

            episodes[^1].Add(historyEvent);
        }

        return episodes;
    }

    /// <summary>
    /// Runs one episode of today's saga: replays <paramref name="past"/>, then applies <paramref name="arrived"/>.
    /// </summary>
    public EpisodeDecision Decide(IReadOnlyList<StoredHistoryEvent> past, IReadOnlyList<StoredHistoryEvent> arrived)
    {
        var started = past.Concat(arrived).First(e => e.Type == HistoryEventType.ExecutionStarted);
        var orderId = JsonDocument.Parse(started.Input!).RootElement.GetProperty("orderId").GetString()!;
        var instance = new InstanceRow(
            orderId,
            PlaceOrderOrchestrator.Name,
            "golden-execution",
            StoredStatus.Running) { Input = started.Input, Version = started.Version };
        var executor = new OrchestrationExecutor(
            instance,
            _orchestrator,
            QueueOf,
            _services,
            _converter,
            NullLoggerFactory.Instance);
        return executor.Execute(past, arrived);
    }

    /// <summary>
    /// Runs the next episode on <paramref name="history"/>: <paramref name="arrived"/> arrive at <paramref name="at"/>;
    /// what the episode appends is added to <paramref name="history"/>. Returns the decision; its new decisions are
    /// <see cref="Made"/>.
    /// </summary>
    public EpisodeDecision Step(
        List<StoredHistoryEvent> history,
        DateTimeOffset at,
        params StoredHistoryEvent[] arrived)
    {
        var decision = Decide(history, [new StoredHistoryEvent(HistoryEventType.OrchestratorStarted, at), .. arrived]);
        history.AddRange(decision.Appended);
        return decision;
    }

    /// <summary>What <paramref name="decision"/> decided (its appended events without the ones that arrived).</summary>
    public static List<StoredHistoryEvent> Made(EpisodeDecision decision) =>
        decision.Appended.Where(HistoryVerifier.IsDecision).ToList();

    /// <summary>
    /// Starts a history of <c>PlaceOrder</c> for <paramref name="input"/> (at <paramref name="version"/>, none by
    /// default); its first episode is returned.
    /// </summary>
    public (List<StoredHistoryEvent> History, EpisodeDecision First) Start(
        PlaceOrderInput input,
        DateTimeOffset at,
        string? version = null)
    {
        var history = new List<StoredHistoryEvent>();
        var first = Step(
            history,
            at,
            new StoredHistoryEvent(HistoryEventType.ExecutionStarted, at)
            {
                Name = PlaceOrderOrchestrator.Name,
                Input = _converter.Serialize(input),
                Version = version,
            });
        return (history, first);
    }

    /// <summary>Reads a saga output as stored in history.</summary>
    public PlaceOrderResult ReadResult(string? json) =>
        Assert.IsType<PlaceOrderResult>(_converter.Deserialize<PlaceOrderResult>(json));

    private static string QueueOf(string activity) =>
        OrderSaga.ActivityQueues.TryGetValue(activity, out var queue) ? queue : Hub.DefaultActivityQueue;
}
