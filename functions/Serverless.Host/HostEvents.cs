using System.Diagnostics.CodeAnalysis;
using Serverless.Orders.ServiceBus;

namespace Serverless.Host;

/// <summary>
/// Where the host publishes integration events beyond the <c>order-events</c> queue: Service Bus, when configured and
/// built in.
/// </summary>
internal static class HostEvents
{
    public const string ServiceBusSwitch = "Serverless.Host.ServiceBusEvents";

    /// <summary>
    /// Whether this build can publish to Service Bus. Native AOT folds it to a constant, so a build with the switch off
    /// (<c>-p:ServiceBusEvents=false</c>) carries none of the Service Bus client.
    /// </summary>
    [FeatureSwitchDefinition(ServiceBusSwitch)]
    private static bool ServiceBusSupported => !AppContext.TryGetSwitch(ServiceBusSwitch, out var enabled) || enabled;

    public static IServiceCollection AddHostEvents(this IServiceCollection services, IConfiguration configuration)
    {
        if (ServiceBusSupported)
        {
            return services.AddServiceBusEvents(configuration);
        }

        return ServiceBusConnection.IsConfigured(configuration)
            ? throw new InvalidOperationException(
                "Service Bus is configured, but this host was built without it (-p:ServiceBusEvents=false). Remove " +
                    "the ServiceBus settings, or use a build with Service Bus.")
            : services;
    }
}
