using NonDeterministicOrchestrationException = DurableTask.Core.Exceptions.NonDeterministicOrchestrationException;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Durable.History;

namespace Serverless.Durable.Engine;

/// <summary>
/// Replays an orchestrator over its history and the newly arrived events, and collects the decisions it makes: the
/// events to append, the tasks to schedule and, if it finished, its result. Once its episode committed
/// (<see cref="MarkCommitted"/>), an executor may go on to the next episode with <see cref="Continue"/>, replaying
/// nothing.
/// </summary>
internal sealed partial class OrchestrationExecutor
{
    private readonly InstanceRow _instance;
    private readonly RegisteredOrchestrator _orchestrator;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<string, string> _queueOf;
    private readonly OrchestrationTaskScheduler _scheduler = new();
    private readonly SortedDictionary<int, PendingTask> _tasks = [];
    private readonly List<(string Name, TaskCompletionSource<string?> Waiter)> _eventWaiters = [];
    private readonly List<StoredHistoryEvent> _bufferedEvents = [];
    private Task<object?>? _run;
    private object? _input;
    private int _nextTaskId;
    private int _guidCounter;
    private DateTimeOffset _currentUtcDateTime;
    private bool _isReplaying = true;
    private (string? Input, bool PreserveEvents)? _continueAsNew;
    private string? _nextVersion;
    private List<string>? _retries;

    public OrchestrationExecutor(
        InstanceRow instance,
        RegisteredOrchestrator orchestrator,
        Func<string, string> queueOf,
        IServiceProvider services,
        DataConverter converter,
        ILoggerFactory loggerFactory)
    {
        _instance = instance;
        _orchestrator = orchestrator;
        _queueOf = queueOf;
        _services = services;
        _converter = converter;
        _loggerFactory = loggerFactory;
        Context = new ExecutorContext(this);
        CustomStatus = instance.CustomStatus;
    }

    public TaskOrchestrationContext Context { get; }

    public string? CustomStatus { get; private set; }

    /// <summary>
    /// The trace context of the episode deciding now: what it schedules (work items, sub-orchestrations, events)
    /// carries it, so their spans are its children. Set before each episode: a continuation runs in the context of the
    /// episode that first awaited, not of the one that resumes it.
    /// </summary>
    public StoredTrace? Trace { get; set; }

    /// <summary>
    /// Replays <paramref name="past"/>, applies <paramref name="arrived"/> as new decisions, and returns what the
    /// episode decided.
    /// </summary>
    public EpisodeDecision Execute(IReadOnlyList<StoredHistoryEvent> past, IReadOnlyList<StoredHistoryEvent> arrived) =>
        Run(past, arrived);

    /// <summary>
    /// Applies <paramref name="arrived"/> where the last committed episode left the orchestrator, and returns what this
    /// one decided.
    /// </summary>
    public EpisodeDecision Continue(IReadOnlyList<StoredHistoryEvent> arrived) => Run([], arrived);

    /// <summary>
    /// The activities whose retry the orchestrator decided since the last call, one entry per retry; retries met again
    /// while replaying history are not among them.
    /// </summary>
    public IReadOnlyList<string> TakeRetries()
    {
        var retries = _retries;
        _retries = null;
        return retries ?? [];
    }

    /// <summary>Records that the decided episode committed: what it scheduled is history from now on.</summary>
    public void MarkCommitted()
    {
        foreach (var task in _tasks.Values)
        {
            task.IsRecorded = true;
        }
    }

    private EpisodeDecision Run(IReadOnlyList<StoredHistoryEvent> past, IReadOnlyList<StoredHistoryEvent> arrived)
    {
        var appended = new List<StoredHistoryEvent>();
        var unapplied = new List<StoredHistoryEvent>();
        try
        {
            foreach (var historyEvent in past)
            {
                Apply(historyEvent);
            }

            _isReplaying = false;
            foreach (var historyEvent in arrived)
            {
                if (_run is { IsCompleted: true } || _continueAsNew is not null)
                {
                    unapplied.Add(historyEvent);
                    continue;
                }

                appended.Add(historyEvent);
                Apply(historyEvent);
            }
        }
        catch (NonDeterministicOrchestrationException exception)
        {
            var nonDeterminism = StoredFailure.FromException(exception);

            // What the code scheduled instead goes on record (never dispatched), as the Durable Task Framework records
            // it.
            appended.AddRange(_tasks.Values.Where(t => !t.IsRecorded).Select(t => t.Scheduled!));
            appended.Add(
                new StoredHistoryEvent(
                    HistoryEventType.ExecutionCompleted,
                    _currentUtcDateTime) { Status = StoredStatus.Failed, Failure = nonDeterminism });
            return EpisodeDecision.Failed(appended, nonDeterminism, _currentUtcDateTime) with
            {
                DivergedTaskId = exception.EventId,
            };
        }

        var scheduled = _tasks.Values.Where(t => !t.IsRecorded).ToList();
        appended.AddRange(scheduled.Select(t => t.Scheduled!));
        if (_continueAsNew is { } next)
        {
            // Events this execution did not consume, buffered or arrived after it finished, belong to the next one.
            var carriedOver = next.PreserveEvents
                ? _bufferedEvents.Concat(unapplied.Where(e => e.Type == HistoryEventType.EventRaised)).ToList()
                : [];
            appended.Add(new StoredHistoryEvent(
                HistoryEventType.ContinuedAsNew,
                _currentUtcDateTime) { Input = next.Input });
            // Of what the ending execution scheduled, only sent events leave: results of anything else would reach no
            // one.
            var sent = scheduled.Where(t => t.ScheduledAs == HistoryEventType.EventSent).ToList();
            return EpisodeDecision.ContinuedAsNew(appended, sent, next.Input, carriedOver, _currentUtcDateTime) with
            {
                NextVersion = _nextVersion,
            };
        }

        if (_run is not { IsCompleted: true } run)
        {
            return EpisodeDecision.Running(appended, scheduled, _currentUtcDateTime);
        }

        Exception? thrown;
        if (run.IsCompletedSuccessfully)
        {
            try
            {
                var output = _converter.Serialize(run.Result);
                appended.Add(
                    new StoredHistoryEvent(
                        HistoryEventType.ExecutionCompleted,
                        _currentUtcDateTime) { Status = StoredStatus.Completed, Result = output });
                return EpisodeDecision.Completed(appended, scheduled, output, _currentUtcDateTime);
            }
            catch (NotSupportedException exception)
            {
                // An output type without a JSON contract fails the instance, as a throwing orchestrator would; escaping
                // here, it would fail every wake-up and leave the instance running for ever.
                thrown = exception;
            }
        }
        else
        {
            // A run ended by an uncaught cancellation (a timed-out wait, a cancelled timer) has no Exception of its
            // own.
            thrown = run.Exception?.InnerException ?? run.Exception ?? (Exception)new TaskCanceledException(run);
        }

        var failure = StoredFailure.FromException(thrown);
        appended.Add(
            new StoredHistoryEvent(
                HistoryEventType.ExecutionCompleted,
                _currentUtcDateTime) { Status = StoredStatus.Failed, Failure = failure });
        return EpisodeDecision.Failed(appended, failure, _currentUtcDateTime, scheduled);
    }

    private void Apply(StoredHistoryEvent historyEvent)
    {
        switch (historyEvent.Type)
        {
            case HistoryEventType.OrchestratorStarted:
                _currentUtcDateTime = historyEvent.Timestamp;
                break;
            case HistoryEventType.ExecutionStarted:
                _run = Task.Factory.StartNew(
                    () => Start(historyEvent.Input),
                    CancellationToken.None,
                    TaskCreationOptions.None,
                    _scheduler)
                    .Unwrap();
                break;
            case HistoryEventType.TaskScheduled:
            case HistoryEventType.TimerCreated:
            case HistoryEventType.SubOrchestrationInstanceCreated:
            case HistoryEventType.EventSent:
                MatchScheduled(historyEvent);
                break;
            case HistoryEventType.TaskCompleted:
            case HistoryEventType.TimerFired:
            case HistoryEventType.SubOrchestrationInstanceCompleted:
                FindTask(historyEvent)?.Completion.TrySetResult(historyEvent.Result);
                break;
            case HistoryEventType.TaskFailed:
            case HistoryEventType.SubOrchestrationInstanceFailed:
                if (FindTask(historyEvent) is { } failed)
                {
                    failed.Completion.TrySetException(new TaskFailedException(
                        failed.Name,
                        failed.TaskId,
                        historyEvent.Failure!.ToTaskFailureDetails()));
                }

                break;
            case HistoryEventType.EventRaised:
                DeliverEvent(historyEvent);
                break;
            default:
                break;
        }

        _scheduler.RunUntilIdle();
    }

    // Runs on the orchestration scheduler, so the orchestrator's own continuations do too.
    private Task<object?> Start(string? input)
    {
        var orchestrator = _orchestrator.Create(_services);
        _input = _converter.Deserialize(input, orchestrator.InputType);
        return orchestrator.RunAsync(Context, _input);
    }

    // Of several waits for one event name, the most recent takes it (LIFO, as the SDK's shim: "the common case is a
    // Task.WhenAny in a loop"); an event nobody waits for is buffered, and waits take buffered events oldest first.
    private void DeliverEvent(StoredHistoryEvent raised)
    {
        var index = _eventWaiters.FindLastIndex(w => string.Equals(
            w.Name,
            raised.Name,
            StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            _bufferedEvents.Add(raised);
            return;
        }

        var waiter = _eventWaiters[index].Waiter;
        _eventWaiters.RemoveAt(index);
        waiter.TrySetResult(raised.Input);
    }
}
