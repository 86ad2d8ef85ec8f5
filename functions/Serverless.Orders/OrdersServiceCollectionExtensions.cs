using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Client;
using Serverless.Orders.Diagnostics;
using Serverless.Orders.Events;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Rates;
using Serverless.Orders.Recovery;
using Serverless.Orders.Saga;
using Serverless.Orders.Serialization;
using Serverless.Http;
using Serverless.Storage;
using Serverless.Storage.Diagnostics;
using Serverless.Storage.Queues;

namespace Serverless.Orders;

/// <summary>Registers the order function set's services.</summary>
public static class OrdersServiceCollectionExtensions
{
    /// <summary>
    /// Composes the order function set's services, once for every host: the stores (inventory, orders, shipments), the
    /// <see cref="IPaymentGateway"/> that <c>Orders:Payments:Gateway</c> names (the simulator by default, or the card
    /// gateway; unless one is registered already), the event publisher,
    /// the <see cref="OrderService"/> (over the registered <see cref="DurableTaskClient"/>) and its factory,
    /// fulfilment, reconciliation, the <see cref="OrderLinks"/> under host.json's route prefix,
    /// <see cref="OrdersOptions"/> (bound from the <c>Orders</c> section of <paramref name="configuration"/>, then
    /// <paramref name="configure"/>), and <see cref="OrdersJsonContext"/> in the HTTP JSON resolver chain. Needs an
    /// <see cref="IStorageProvider"/>. A host then runs <see cref="OrderSaga"/> on its durable runtime and maps
    /// <see cref="OrdersApiRoutes.MapOrdersApi"/>:
    /// <code>
    /// services.AddOrders(builder.Configuration);
    /// services.AddDurableTask(OrderSaga.Register, OrderSaga.Payloads, OrderSaga.ActivityQueues);
    /// app.MapFunctionsApi().MapOrdersApi();
    /// </code>
    /// </summary>
    public static IServiceCollection AddOrders(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<OrdersOptions>? configure = null)
    {
        var options = services.AddOptions<OrdersOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(OrdersOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<OrdersOptions>,
            OrdersOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new InventoryStore(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(CreateMetrics);
        services.TryAddSingleton(_ => new OrderRates());
        services.TryAddSingleton(sp => new OrderStore(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<OrdersMetrics>(),
            sp.GetRequiredService<OrderRates>()));
        services.AddPaymentGateways();
        services.TryAddSingleton(sp => new OrderEventPublisher(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetRequiredService<OrderStore>(),
            sp.GetServices<IIntegrationEventSink>(),
            sp.GetService<IWriteAndSend>()));
        services.TryAddSingleton(sp => new OrderServiceFactory(sp));
        services.TryAddSingleton(sp =>
            sp.GetRequiredService<OrderServiceFactory>().Create(sp.GetRequiredService<DurableTaskClient>()));
        services.TryAddSingleton(sp => new OrderReconciler(
            sp.GetRequiredService<OrderStore>(),
            sp.GetRequiredService<InventoryStore>(),
            sp.GetRequiredService<IPaymentGateway>(),
            sp.GetRequiredService<IOptions<OrdersOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OrderReconciler>>()));
        // host.json's route prefix, which every host reads into its configuration.
        services.TryAddSingleton(sp => new OrderLinks(
            sp.GetService<IConfiguration>() is { } settings
                ? FunctionsRoutePrefix.Read(settings)
                : FunctionsRoutePrefix.Default));
        services.TryAddSingleton(sp => new ShipmentStore(
            sp.GetRequiredService<IStorageProvider>(),
            sp.GetService<IWriteAndSend>()));
        services.TryAddSingleton(sp => new FulfilmentService(
            sp.GetRequiredService<ShipmentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FulfilmentService>>(),
            sp.GetRequiredService<IOptions<OrdersOptions>>().Value.Fulfilment));
        services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(
            0,
            OrdersJsonContext.Default));
        return services;
    }

    /// <summary>
    /// Runs the <see cref="OrderReconciler"/> in the background (settings: <see cref="OrdersOptions.Reconciliation"/>),
    /// for a long-running host with a <see cref="DurableTaskClient"/> service. Needs <see cref="AddOrders"/>.
    /// </summary>
    public static IServiceCollection AddOrderReconciliation(this IServiceCollection services)
    {
        services.AddHostedService(sp => new OrderReconciliationService(
            sp.GetRequiredService<OrderReconciler>(),
            sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<IOptions<OrdersOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OrderReconciliationService>>()));
        return services;
    }

    // The gauge's reading resolves the store when it first reads, so the store can count into these metrics.
    private static OrdersMetrics CreateMetrics(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<OrdersMetrics>();
        var compensating = new CachedStorageReading<long>(
            cancellationToken => services.GetRequiredService<OrderStore>()
                .CountAsync(OrderStatus.Compensating, cancellationToken),
            services.GetRequiredService<IOptions<OrdersOptions>>().Value.Metrics.CompensatingReadInterval,
            services.GetRequiredService<TimeProvider>(),
            exception => Logs.CompensatingNotCounted(logger, exception));
        return new OrdersMetrics(services.GetService<IMeterFactory>(), compensating);
    }

    private sealed class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
    {
        public ValidateOptionsResult Validate(string? name, OrdersOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
