using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Orders.Saga;

namespace Serverless.Functions.Saga;

/// <summary>The <c>PlaceOrder</c> orchestration on Durable Functions: the shared saga, unchanged.</summary>
public static class PlaceOrderFunction
{
    /// <summary>
    /// Runs <see cref="PlaceOrderOrchestrator"/> with the instance's input (orchestrator code: replayed).
    /// </summary>
    [Function(PlaceOrderOrchestrator.Name)]
    public static Task<PlaceOrderResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<PlaceOrderInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no " +
                $"{nameof(PlaceOrderInput)}.");
        return new PlaceOrderOrchestrator().RunAsync(context, input);
    }
}
