using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Durable.Replay;
using Serverless.Storage;
using Serverless.Storage.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Durable.Engine;

/// <summary>
/// The engine's work as two message handlers: one for a wake-up (run an episode of one instance), one for an activity
/// work item. Each takes one message and either succeeds or throws; whoever received the message completes it on
/// success and abandons it on failure. Neither depends on holding the queue receipt. It runs the orchestrators and
/// activities of the Durable Task SDK's <see cref="DurableTaskRegistry"/>.
/// </summary>
public sealed partial class DurableTaskEngine
{
    private readonly TaskHubStorage _hub;
    private readonly Dictionary<string, RegisteredActivity> _activities = new(StringComparer.Ordinal);
    private readonly DurableTaskOptions _options;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExecutionCache _executions;
    private readonly EpisodeReader _reader;
    private readonly EpisodePlanner _planner;
    private readonly OutboxDispatcher _dispatcher;
    private readonly EpisodeFinisher _finisher;
    private readonly LocalActivityRunner _localActivities;

    private readonly DirectOutcomeApplier _directOutcomes;
    private readonly Dictionary<string, RegisteredOrchestrator> _orchestrators;
    private readonly VersionGate _versions;
    private readonly DurableMetrics? _metrics;

    /// <summary>
    /// Creates the engine over <paramref name="storage"/>, running what <paramref name="registry"/> holds. With
    /// <paramref name="localWorkers"/>, the work its commits cause goes straight to free slots of this process's pumps;
    /// with <paramref name="metrics"/>, it counts its episodes and times its activities there.
    /// </summary>
    public DurableTaskEngine(
        IStorageProvider storage,
        DurableTaskRegistry registry,
        IOptions<DurableTaskOptions> options,
        IServiceProvider services,
        DataConverter converter,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        LocalQueueWorkers? localWorkers = null,
        DurableMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _options = options.Value;
        _hub = new TaskHubStorage(storage, TaskHubStorage.Resolve(_options.TaskHub), localWorkers);
        _versions = new VersionGate(_options);
        _executions = new ExecutionCache(_options.MaxCachedInstances, DeleteHeldOutbox);
        var orchestrators = _orchestrators = new Dictionary<string, RegisteredOrchestrator>(StringComparer.Ordinal);
        foreach (var (name, create) in registry.GetOrchestrators())
        {
            orchestrators.Add(name.Name, new RegisteredOrchestrator(name.Name, create));
        }

        foreach (var (name, create) in registry.GetActivities())
        {
            _activities.Add(name.Name, new RegisteredActivity(name.Name, QueueOf(name.Name), create));
        }

        _services = services;
        _converter = converter;
        _logger = loggerFactory.CreateLogger<DurableTaskEngine>();
        _time = timeProvider ?? TimeProvider.System;
        WorkDelays = new WorkDelayMonitor(_time);
        _reader = new EpisodeReader(_hub);
        _planner = new EpisodePlanner(orchestrators, QueueOf, services, converter, loggerFactory, _logger);
        _dispatcher = new OutboxDispatcher(_hub, _time, _options.DefaultVersion);
        _metrics = metrics;
        localWorkers ??= new LocalQueueWorkers();
        _localActivities = new LocalActivityRunner(
            _hub,
            _dispatcher,
            localWorkers,
            _options,
            _time,
            _logger,
            item => RunToOutcomeAsync(item, 1, CancellationToken.None),
            SettleClaimAsync);
        _finisher = new EpisodeFinisher(
            _hub, _dispatcher, _executions, _localActivities, localWorkers.WorkerId, _logger, metrics);
        _directOutcomes = new DirectOutcomeApplier(_planner, _hub, _finisher, _executions, _time, _logger);
    }

    /// <summary>How long the work this process began lately had waited to begin (for admission control).</summary>
    public WorkDelayMonitor WorkDelays { get; }

    /// <summary>The queue that carries wake-ups.</summary>
    public string OrchestrationQueue => _hub.Options.OrchestrationQueue;

    /// <summary>The queues that carry the registered activities' work items.</summary>
    public IReadOnlyList<string> ActivityQueues =>
        _activities.Values.Select(a => a.Queue)
            .Append(_hub.Options.DefaultActivityQueue)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Creates the task hub's table and queues (once per process).</summary>
    public Task EnsureCreatedAsync() => _hub.EnsureCreatedAsync();

    internal TaskHubStorage Hub => _hub;

    /// <summary>A check of the task hub's in-flight instances against this engine's orchestrators.</summary>
    public ReplayCheck CreateReplayCheck() => new(new EngineRecordedInstances(_hub), CreateVerifier());

    /// <summary>
    /// A check of a Durable Functions task hub's in-flight instances (read by <paramref name="hub"/>) against this
    /// engine's orchestrators.
    /// </summary>
    public ReplayCheck CreateReplayCheck(IDurableFunctionsTaskHub hub) =>
        new(new DurableFunctionsRecordedInstances(hub), CreateVerifier());

    private HistoryVerifier CreateVerifier() => new(_orchestrators, QueueOf, _services, _converter);

    internal DurableTaskOptions Options => _options;

    /// <summary>
    /// Deletes the dispatched outbox row an execution dropped from memory had left to its next commit, so that no
    /// episode finds and sends it again.
    /// </summary>
    private void DeleteHeldOutbox(CachedExecution dropped)
    {
        if (dropped.PendingDelete is { } delete)
        {
            _ = DeleteAsync();
        }

        async Task DeleteAsync()
        {
            try
            {
                await _hub.DeleteQuietlyAsync([delete], CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is StorageException or OperationCanceledException)
            {
                // Left behind, the row is sent again by the instance's next episode: idempotent, only wasted.
                Logs.HeldOutboxNotDeleted(_logger, exception, delete.Entity.PartitionKey);
            }
        }
    }

    /// <summary>
    /// The queue of <paramref name="activityName"/>'s work items: its route in the options, else the task hub's
    /// default.
    /// </summary>
    private string QueueOf(string activityName) =>
        _options.ActivityQueues.TryGetValue(activityName, out var queue) ? queue : _hub.Options.DefaultActivityQueue;
}
