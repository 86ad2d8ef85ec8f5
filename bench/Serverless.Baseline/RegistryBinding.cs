using Microsoft.DurableTask;

namespace Serverless.Baseline;

/// <summary>
/// Re-registers a registry's orchestrators and activities so that every one resolves from one service provider.
/// </summary>
public static class RegistryBinding
{
    /// <summary>
    /// Adds <paramref name="source"/>'s orchestrators and activities to <paramref name="target"/>, each created from
    /// <paramref name="services"/> whatever service provider the runtime hands the factory (the SDK worker hands its
    /// own, which holds none of the app's services).
    /// </summary>
    /// <param name="target">The runtime's registry.</param>
    /// <param name="source">The app's registrations (e.g. <c>OrderSaga.CreateRegistry()</c>).</param>
    /// <param name="services">The app's services.</param>
    public static DurableTaskRegistry AddBoundTo(
        this DurableTaskRegistry target,
        DurableTaskRegistry source,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (name, create) in source.GetOrchestrators())
        {
            target.AddOrchestrator(name, () => create(services));
        }

        foreach (var (name, create) in source.GetActivities())
        {
            target.AddActivity(name, _ => create(services));
        }

        return target;
    }
}
