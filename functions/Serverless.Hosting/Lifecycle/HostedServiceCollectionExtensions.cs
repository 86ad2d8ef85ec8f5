using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Serverless.Hosting.Lifecycle;

/// <summary>Moves the work of hosted services off the path to the first response.</summary>
public static class HostedServiceCollectionExtensions
{
    /// <summary>
    /// Makes every hosted service registered so far (storage, leases, pollers, sweeps) be built and started once the
    /// server listens, not before: the first response then waits for Kestrel only, while a request that needs storage
    /// still waits for it where it is used. Call it last, just before <c>builder.Build()</c>; the web server's own
    /// hosted service, which <c>Build</c> adds, is left as it is. Keyed registrations are left as they are.
    /// </summary>
    public static IServiceCollection StartHostedServicesOnceListening(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => Defer(descriptor, sp));
        }

        return services;
    }

    private static OnceListeningHostedService Defer(ServiceDescriptor descriptor, IServiceProvider services)
    {
        if (descriptor.ImplementationInstance is IHostedService instance)
        {
            return new OnceListeningHostedService(() => instance, owned: false);
        }

        if (descriptor.ImplementationFactory is { } factory)
        {
            return new OnceListeningHostedService(() => (IHostedService)factory(services), owned: true);
        }

        var type = descriptor.ImplementationType!;
        return new OnceListeningHostedService(
            () => (IHostedService)ActivatorUtilities.CreateInstance(services, type),
            owned: true);
    }
}
