using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Conformance.Tests.Scenarios;
using Serverless.Orders;
using Serverless.Orders.Saga;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Storage;
using Serverless.Storage.InMemory;
using Serverless.Baseline;

namespace Serverless.Conformance.Tests.Catalog.Saga;

/// <summary>
/// One run's order domain: the product's services (<see cref="OrdersServiceCollectionExtensions.AddOrders"/>) over a
/// fresh in-memory storage account, stock seeded, the payment simulator as the gateway (or a decorator of it). It
/// registers the product's saga registrations (<see cref="OrderSaga.Register"/>) unchanged, except that every
/// activity resolves from this domain, whatever service provider the runtime hands the factory.
/// </summary>
internal sealed class SagaDomain : IScenarioWorld
{
    private readonly ServiceProvider _services;

    private SagaDomain(ServiceProvider services) => _services = services;

    /// <summary>The domain's inventory.</summary>
    public InventoryStore Inventory => _services.GetRequiredService<InventoryStore>();

    /// <summary>The domain's order read model.</summary>
    public OrderStore Orders => _services.GetRequiredService<OrderStore>();

    /// <summary>The domain's payment gateway (its ledger).</summary>
    public IPaymentGateway Payments => _services.GetRequiredService<IPaymentGateway>();

    /// <summary>
    /// Creates a domain with <see cref="SagaOrders.Stock"/> units of <see cref="SagaOrders.Sku"/>. When
    /// <paramref name="failingRefunds"/> is positive the gateway's first that many refunds fail transiently.
    /// </summary>
    public static async Task<IScenarioWorld> CreateAsync(int failingRefunds, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddSingleton<IStorageProvider>(new InMemoryStorageProvider());
        if (failingRefunds > 0)
        {
            // Registered before AddOrders, which adds the simulator as the gateway only when none is registered.
            services.AddSingleton<IPaymentGateway>(sp => new FailingRefundGateway(
                sp.GetRequiredService<PaymentSimulator>(),
                failingRefunds));
        }

        var domain = new SagaDomain(services.AddOrders().BuildServiceProvider(validateScopes: true));
        await domain.Inventory.SetStockAsync(SagaOrders.Sku, SagaOrders.Stock, SagaOrders.UnitPrice, cancellationToken);
        return domain;
    }

    public void Register(DurableTaskRegistry registry) =>
        registry.AddBoundTo(OrderSaga.CreateRegistry(), _services);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
