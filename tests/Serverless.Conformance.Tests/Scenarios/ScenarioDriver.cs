using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// Runs a <see cref="Scenario"/> through any <see cref="DurableTaskClient"/>: schedules the instance, applies the
/// steps when their triggers hold, waits for a terminal state and collects the outcome. Every runtime (the SDK's,
/// Azure Storage's, our engine's) drives its scenarios through this one class, so they differ only in the client and
/// the history they hand it.
/// </summary>
/// <param name="client">The runtime's client.</param>
/// <param name="history">Where the instance's history is read from once it is terminal.</param>
/// <param name="betweenPolls">
/// What happens between two reads of the instance while the driver waits: a real-time runtime sleeps a little; a
/// runtime on a fake clock advances its clock (and runs its due work) so that timers fire.
/// </param>
public sealed class ScenarioDriver(
    DurableTaskClient client,
    IInstanceHistorySource history,
    Func<CancellationToken,
    Task> betweenPolls)
{
    /// <summary>
    /// A driver for a real-time runtime that reads the instance every <paramref name="pollInterval"/>.
    /// </summary>
    public ScenarioDriver(DurableTaskClient client, IInstanceHistorySource history, TimeSpan pollInterval)
        : this(client, history, cancellationToken => Task.Delay(pollInterval, cancellationToken))
    {
    }

    /// <summary>The runtime's way to replace its worker mid-run; null for a runtime that cannot.</summary>
    public IWorkerReplacement? Workers { get; init; }

    /// <summary>Runs <paramref name="scenario"/> under a fresh instance id.</summary>
    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(scenario.Deadline);
        var instanceId = Guid.NewGuid().ToString("N");
        var waitingFor = "the start";
        OrchestrationMetadata? last = null;
        try
        {
            // Version stays unassigned without a start version: assigned null, it was stored as an empty version on
            // every runtime, overriding the client's default version.
            var start = scenario.Versioning?.StartVersion is { } version
                ? new StartOrchestrationOptions(instanceId) { Version = new TaskVersion(version) }
                : new StartOrchestrationOptions(instanceId);
            await client.ScheduleNewOrchestrationInstanceAsync(
                scenario.Orchestrator, scenario.Input, start, deadline.Token);
            OrchestrationRuntimeStatus? whileRejected = null;
            if (scenario.Versioning?.LaterWorker is { } later)
            {
                var workers = Workers ?? throw new NotSupportedException(
                    $"Scenario {scenario.Name} replaces the worker; this runtime cannot.");
                waitingFor = "a rejection by the first worker";
                await workers.RejectedAsync(instanceId, deadline.Token);
                var rejected = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
                whileRejected = rejected?.RuntimeStatus;
                if (workers.Stranded(instanceId) is { } stranded)
                {
                    // No worker can ever take the instance over: the run ends here, with what it reached.
                    return new ScenarioOutcome(
                        instanceId,
                        rejected!.RuntimeStatus,
                        rejected.SerializedOutput,
                        FailureOutcome.From(rejected.FailureDetails),
                        rejected.SerializedCustomStatus,
                        (await history.ReadAsync(instanceId, deadline.Token)).Scheduled)
                    {
                        StatusWhileRejected = whileRejected,
                        Stranded = stranded,
                    };
                }

                waitingFor = $"the start of worker {later}";
                await workers.ReplaceAsync(later, deadline.Token);
            }

            foreach (var step in scenario.Steps)
            {
                waitingFor = $"{step.When} (step {step})";
                await WaitUntilAsync(instanceId, step.When, deadline.Token);
                await ApplyAsync(instanceId, step, deadline.Token);
            }

            waitingFor = "a terminal state";
            last = await PollAsync(instanceId, IsTerminal, deadline.Token);
            var recorded = await history.ReadAsync(instanceId, deadline.Token);
            var failure = FailureOutcome.From(last.FailureDetails)
                ?? (last.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? recorded.Failure : null);
            var outcome = new ScenarioOutcome(
                instanceId,
                last.RuntimeStatus,
                last.SerializedOutput,
                failure,
                last.SerializedCustomStatus,
                recorded.Scheduled)
            {
                Version = recorded.Version,
                StatusWhileRejected = whileRejected,
            };
            if (scenario.AfterFinish is { } probe)
            {
                waitingFor = "the after-finish probe";
                outcome = outcome with { AfterFinish = await probe(client, instanceId, deadline.Token) };
            }

            return outcome;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None);
            throw new TimeoutException(
                $"Scenario {scenario.Name} did not reach {waitingFor} within {scenario.Deadline}; last seen: "
                + $"{last?.RuntimeStatus.ToString() ?? "no instance"}, custom status " +
                $"{last?.SerializedCustomStatus ?? "null"}, "
                + $"failure {last?.FailureDetails?.ToString() ?? "none"}.");
        }
    }

    private static bool IsTerminal(OrchestrationMetadata metadata) => metadata.RuntimeStatus
        is OrchestrationRuntimeStatus.Completed
            or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated;

    private static bool HasCustomStatus(OrchestrationMetadata metadata, string status)
    {
        if (metadata.SerializedCustomStatus is not { } json)
        {
            return false;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.String && document.RootElement.GetString() == status;
    }

    private Task WaitUntilAsync(string instanceId, StepTrigger trigger, CancellationToken cancellationToken) =>
        trigger switch
    {
        CustomStatusTrigger custom => PollAsync(instanceId, m => HasCustomStatus(m, custom.Status), cancellationToken),
        RuntimeStatusTrigger status => PollAsync(instanceId, m => m.RuntimeStatus == status.Status, cancellationToken),
        _ => Task.CompletedTask,
    };

    private Task ApplyAsync(string instanceId, ScenarioStep step, CancellationToken cancellationToken) => step switch
    {
        RaiseEventStep raise => client.RaiseEventAsync(instanceId, raise.EventName, raise.Payload, cancellationToken),
        TerminateStep terminate => client.TerminateInstanceAsync(instanceId, terminate.Output, cancellationToken),
        SuspendStep suspend => client.SuspendInstanceAsync(instanceId, suspend.Reason, cancellationToken),
        ResumeStep resume => client.ResumeInstanceAsync(instanceId, resume.Reason, cancellationToken),
        _ => throw new NotSupportedException($"Unknown step {step}."),
    };

    /// <summary>
    /// Reads the instance until <paramref name="done"/> holds. A terminal instance that never satisfied it is an
    /// error at once: waiting on would only burn the deadline.
    /// </summary>
    private async Task<OrchestrationMetadata> PollAsync(
        string instanceId, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            if (metadata is not null && IsTerminal(metadata))
            {
                throw new InvalidOperationException(
                    $"Instance {instanceId} ended ({metadata.RuntimeStatus}, output " +
                        $"{metadata.SerializedOutput ?? "null"}, "
                    + $"failure {metadata.FailureDetails?.ToString() ?? "none"}) before the awaited condition held.");
            }

            await betweenPolls(cancellationToken);
        }
    }
}
