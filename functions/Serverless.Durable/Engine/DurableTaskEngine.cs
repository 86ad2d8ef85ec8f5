using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Storage;

namespace Serverless.Durable.Engine;

/// <summary>
/// The engine's work as two message handlers: one for a wake-up (run an episode of one instance), one for an activity
/// work item. Each takes one message and either succeeds or throws; whoever received the message completes it on
/// success and abandons it on failure. Neither depends on holding the queue receipt.
/// </summary>
public sealed partial class DurableTaskEngine
{
    private readonly TaskHubStorage _hub;
    private readonly DurableTaskRegistry _registry;
    private readonly DurableTaskOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    /// <summary>Creates the engine over <paramref name="storage"/>.</summary>
    public DurableTaskEngine(
        IStorageProvider storage,
        DurableTaskRegistry registry,
        IOptions<DurableTaskOptions> options,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null)
    {
        _options = options.Value;
        _hub = new TaskHubStorage(storage, TaskHubStorage.Resolve(_options.TaskHub));
        _registry = registry;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DurableTaskEngine>();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The queue that carries wake-ups.</summary>
    public string OrchestrationQueue => _hub.Options.OrchestrationQueue;

    /// <summary>The queues that carry the registered activities' work items.</summary>
    public IReadOnlyList<string> ActivityQueues =>
        _registry.ActivityQueues.Select(q => q ?? _hub.Options.DefaultActivityQueue).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Creates the task hub's table and queues (once per process).</summary>
    public Task EnsureCreatedAsync() => _hub.EnsureCreatedAsync();

    internal TaskHubStorage Hub => _hub;

    internal DurableTaskOptions Options => _options;
}
