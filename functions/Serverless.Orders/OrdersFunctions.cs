using Serverless.Durable;
using Serverless.Orders.Saga;

namespace Serverless.Orders;

/// <summary>The durable functions of the order function set, for the host to compose into its one registry.</summary>
public static class OrdersFunctions
{
    /// <summary>
    /// Registers the <c>PlaceOrder</c> orchestrator and its activities (stock on the <c>inventory</c> queue, payment on
    /// <c>payments</c>), e.g. <c>services.AddDurableTask(r => OrdersFunctions.Register(r), o => o.TaskHub = "orders")</c>.
    /// The activities resolve the services <see cref="OrdersServiceCollectionExtensions.AddOrders(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration?, Action{OrdersOptions}?)"/> registers.
    /// </summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry) =>
        registry
            .AddOrchestrator(PlaceOrderOrchestrator.Reference, PlaceOrderOrchestrator.RunAsync)
            .AddSagaActivities();
}
