using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using P = Microsoft.DurableTask.Protobuf;

namespace Serverless.Baseline;

/// <summary>
/// Works around a bug of the published InProcessTestHost sidecar (0.2.3-preview.1): on <c>ContinueAsNew</c> with
/// preserved events, the SDK worker re-sends the unprocessed events to its own instance (<c>SendEventAction</c>s in
/// the same response), and the sidecar's dispatcher clears those messages when it starts the new generation, so the
/// events are lost and the new generation waits forever. Upstream fixed it after the release (durabletask-dotnet
/// commit 9842ef51, PR #708: "Self-targeted external events emitted during ContinueAsNew ... must be carried into the
/// new runtime state"). This interceptor does the same before the sidecar sees the response: it moves self-targeted
/// <c>SendEventAction</c>s of a continued-as-new response into the completion's <c>carryoverEvents</c>, which the
/// sidecar already adds to the new generation. Remove it when a fixed package is served.
/// </summary>
internal sealed class ContinueAsNewCarryoverInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is P.OrchestratorResponse response)
        {
            CarryOverSelfSentEvents(response);
        }

        return continuation(request, context);
    }

    private static void CarryOverSelfSentEvents(P.OrchestratorResponse response)
    {
        var completion = response.Actions
            .Select(action => action.CompleteOrchestration)
            .FirstOrDefault(complete => complete?.OrchestrationStatus == P.OrchestrationStatus.ContinuedAsNew);
        if (completion is null)
        {
            return;
        }

        var selfSent = response.Actions
            .Where(action => action.SendEvent is { } send && send.Instance?.InstanceId == response.InstanceId)
            .ToList();
        foreach (var action in selfSent)
        {
            response.Actions.Remove(action);
            completion.CarryoverEvents.Add(new P.HistoryEvent
            {
                EventId = -1,
                Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
                EventRaised = new P.EventRaisedEvent { Name = action.SendEvent.Name, Input = action.SendEvent.Data },
            });
        }
    }
}
