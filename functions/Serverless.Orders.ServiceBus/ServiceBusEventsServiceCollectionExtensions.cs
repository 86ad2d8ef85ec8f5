using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Orders.Events;

namespace Serverless.Orders.ServiceBus;

/// <summary>
/// Registers the Service Bus publisher of integration events, when a <c>ServiceBus</c> connection is configured.
/// </summary>
public static class ServiceBusEventsServiceCollectionExtensions
{
    /// <summary>
    /// When <paramref name="configuration"/> holds the <c>ServiceBus</c> connection (a connection string, or
    /// <c>ServiceBus__fullyQualifiedNamespace</c> with a managed identity), adds a
    /// <see cref="ServiceBusEventPublisher"/> on the <c>order-events</c> topic as an
    /// <see cref="IIntegrationEventSink"/>; otherwise adds nothing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">Where the connection is read.</param>
    /// <param name="createCredential">
    /// Makes the credential of an identity-based connection from its <c>__credential</c> and <c>__clientId</c>
    /// settings; without it only a connection string is supported. </param>
    public static IServiceCollection AddServiceBusEvents(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<string?,
        string?,
        Azure.Core.TokenCredential>? createCredential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!ServiceBusConnection.IsConfigured(configuration))
        {
            return services;
        }

        services.TryAddSingleton(_ => ServiceBusConnection.Read(configuration).CreateClient(createCredential));
        services.TryAddSingleton(sp =>
            new ServiceBusEventPublisher(
                sp.GetRequiredService<ServiceBusClient>().CreateSender(ServiceBusEventPublisher.TopicName)));
        services.AddSingleton<IIntegrationEventSink>(sp => sp.GetRequiredService<ServiceBusEventPublisher>());
        return services;
    }
}
