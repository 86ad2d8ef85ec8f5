using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Orders;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;

namespace Serverless.Functions;

/// <summary>
/// Makes the <see cref="OrderService"/> of one invocation around the <see cref="DurableTaskClient"/> the function was
/// bound (<c>[DurableClient]</c>): on Azure, Durable Functions provides the client per invocation, not through DI.
/// </summary>
public sealed class OrderServiceFactory(IServiceProvider services)
{
    /// <summary>The order service over <paramref name="client"/>.</summary>
    public OrderService Create(DurableTaskClient client) =>
        new(
            services.GetRequiredService<OrderStore>(),
            services.GetRequiredService<InventoryStore>(),
            services.GetRequiredService<IPaymentGateway>(),
            client,
            services.GetRequiredService<IOptions<OrdersOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<OrderService>>());
}
