using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Orders.Inventory;
using Serverless.Orders.Payments;

namespace Serverless.Orders.Ordering;

/// <summary>
/// Makes an <see cref="OrderService"/> around a <see cref="DurableTaskClient"/>: the one registered (the engine's), or
/// on Azure the one a function was bound (<c>[DurableClient]</c>), since Durable Functions provides the client per
/// invocation, not through DI.
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
