using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serverless.Payments.Card;
using Serverless.Storage;

namespace Serverless.Orders.Payments;

/// <summary>The payment gateways of the function set, and the choice between them.</summary>
internal static class PaymentGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the simulator and (in a build that carries it: <see cref="CardPaymentsFeature"/>) the card gateway with its
    /// provider client, and makes <see cref="IPaymentGateway"/> the one <c>Orders:Payments:Gateway</c> names, unless a
    /// gateway is registered already. Chosen when first asked for, from the validated options: every host composes the
    /// same services and configuration alone decides.
    /// </summary>
    public static IServiceCollection AddPaymentGateways(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new PaymentSimulator(
            sp.GetRequiredService<IStorageProvider>(),
            Payments(sp).Simulator,
            sp.GetRequiredService<TimeProvider>()));
        if (CardPaymentsFeature.IsSupported)
        {
            services.AddCardPayments(static sp => Payments(sp).Payments.Card);
            services.TryAddSingleton(sp => new CardPaymentGateway(
                sp.GetRequiredService<CardPaymentsClient>(),
                sp.GetRequiredService<IStorageProvider>(),
                Payments(sp).Payments.VoidGrace,
                sp.GetRequiredService<TimeProvider>()));
        }

        services.TryAddSingleton<IPaymentGateway>(static sp =>
            Payments(sp).Payments.Gateway == PaymentGatewayKind.Card && CardPaymentsFeature.IsSupported
                ? sp.GetRequiredService<CardPaymentGateway>()
                : sp.GetRequiredService<PaymentSimulator>());
        return services;
    }

    private static OrdersOptions Payments(IServiceProvider services) =>
        services.GetRequiredService<IOptions<OrdersOptions>>().Value;
}
