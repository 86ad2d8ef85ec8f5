using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// A client over the engine's whose <see cref="RaiseEventAsync"/> throws what Durable Functions' client throws. With
/// <c>endsSagaFirst</c> it is the race of a raise on Azure, made to happen every time: the saga is ended for real
/// (terminated, and waited for until it is) before the raise is refused, as Durable Functions refuses a raise to an
/// instance that no longer runs. Without, the raise fails while the saga runs (the host unreachable, say). Everything
/// else is the engine's client.
/// </summary>
internal sealed class RefusingRaiseClient(DurableTaskClient inner, bool endsSagaFirst, Func<Exception> refusal)
    : DurableTaskClient(inner.Name)
{
    /// <summary>The instances a raise was refused for, in order.</summary>
    public List<string> Refused { get; } = [];

    public override async Task RaiseEventAsync(
        string instanceId,
        string eventName,
        object? eventPayload = null,
        CancellationToken cancellation = default)
    {
        if (endsSagaFirst)
        {
            await inner.TerminateInstanceAsync(instanceId, "ended before the raise", cancellation);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(Eventually.Deadline);
            await inner.WaitForInstanceCompletionAsync(instanceId, deadline.Token);
        }

        Refused.Add(instanceId);
        throw refusal();
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default) =>
        inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task TerminateInstanceAsync(
        string instanceId,
        TerminateInstanceOptions? options = null,
        CancellationToken cancellation = default) =>
        inner.TerminateInstanceAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(
        string instanceId,
        string? reason = null,
        CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        inner.GetAllInstancesAsync(filter);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId,
        bool getInputsAndOutputs = false,
        CancellationToken cancellation = default) =>
        inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<PurgeResult> PurgeInstanceAsync(
        string instanceId,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default) =>
        inner.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter,
        PurgeInstanceOptions? options = null,
        CancellationToken cancellation = default) =>
        inner.PurgeAllInstancesAsync(filter, options, cancellation);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
