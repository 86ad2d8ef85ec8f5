using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Durable;
using Serverless.Durable.Engine;
using Serverless.Durable.Workers;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>
/// The engine's worker of one run (<see cref="DurableTaskEngine"/> with its in-process
/// <see cref="EngineQueueService"/>) and its replacement by a worker of other versioning options on the same storage.
/// A rejection is what the engine logs when it leaves an instance's work for another worker.
/// </summary>
/// <param name="storage">The run's storage.</param>
/// <param name="registry">The scenario's tasks.</param>
/// <param name="services">The services handed to the tasks' factories.</param>
/// <param name="newOptions">The run's engine options, before versioning.</param>
internal sealed class EngineWorkers(
    HistoryRecordingStorage storage,
    DurableTaskRegistry registry,
    IServiceProvider services,
    Func<DurableTaskOptions> newOptions) : IWorkerReplacement, IAsyncDisposable
{
    private readonly ListLoggerProvider _logs = new();
    private EngineQueueService? _worker;

    /// <summary>Starts a worker with <paramref name="versioning"/> (unversioned when null).</summary>
    public async Task StartAsync(WorkerVersioning? versioning, CancellationToken cancellationToken)
    {
        var options = newOptions();
        versioning?.ApplyTo(options);
        var engine = new DurableTaskEngine(
            storage,
            registry,
            Options.Create(options),
            services,
            JsonDataConverter.Default,
            new LoggerFactory([_logs]),
            TimeProvider.System);
        _worker = new EngineQueueService(
            engine,
            storage,
            NullLogger<EngineQueueService>.Instance,
            TimeProvider.System);
        await _worker.StartAsync(cancellationToken);
    }

    public Task RejectedAsync(string instanceId, CancellationToken cancellationToken)
        => Eventually.TrueAsync(
            () => _logs.Messages.Any(message => message.StartsWith(instanceId, StringComparison.Ordinal)
                && message.Contains($"({OrchestrationVersionFailure.Reject})", StringComparison.Ordinal)),
            $"the engine leaves the work of {instanceId} for another worker");

    // The engine sends rejected work back to its queue with a delay: any worker may take it then.
    public string? Stranded(string instanceId) => null;

    public async Task ReplaceAsync(WorkerVersioning versioning, CancellationToken cancellationToken)
    {
        await StopAsync();
        await StartAsync(versioning, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopAsync()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }
}
