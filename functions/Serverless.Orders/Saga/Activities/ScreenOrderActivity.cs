using Microsoft.DurableTask;
using Serverless.Orders.Screening;

namespace Serverless.Orders.Saga.Activities;

/// <summary>Screens the order for fraud (<see cref="OrderScreen"/>); a refusal is a verdict, not a failure.</summary>
public sealed class ScreenOrderActivity : TaskActivity<ScreenOrderInput, ScreenVerdict>
{
    /// <inheritdoc />
    public override Task<ScreenVerdict> RunAsync(TaskActivityContext context, ScreenOrderInput input) =>
        Task.FromResult(OrderScreen.Screen(input));
}
