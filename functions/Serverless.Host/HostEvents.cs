using Serverless.Hosting;
using Serverless.Orders.ServiceBus;

namespace Serverless.Host;

/// <summary>
/// Where the host publishes integration events beyond the <c>order-events</c> queue: Service Bus, when configured and
/// built in.
/// </summary>
internal static class HostEvents
{
    public static IServiceCollection AddHostEvents(this IServiceCollection services, IConfiguration configuration)
    {
        if (HostFeatures.Azure)
        {
            return services.AddServiceBusEvents(configuration);
        }

        return ServiceBusConnection.IsConfigured(configuration)
            ? throw new InvalidSettingException(HostFeatures.WithoutAzure(ServiceBusConnection.Name))
            : services;
    }
}
