using Microsoft.Extensions.Options;
using Serverless.Dashboard;
using Serverless.Durable;
using Serverless.Hosting;
using Serverless.Orders;
using Serverless.Workers.Queues;

namespace Serverless.Host;

/// <summary>
/// Reads the host's settings before the server listens (the hosted services that use them start only after it), so a
/// bad setting ends the start with one line naming it before anything runs: <c>FunctionsHostRunner</c> prints an
/// options validation failure as it is, and <see cref="Read{T}"/> turns the binder's and the checks' own exceptions
/// into an <see cref="InvalidSettingException"/>.
/// </summary>
internal static class HostSettings
{
    /// <summary>
    /// Binds and validates every settings type of the host, and prepares the embedded storage's data directory.
    /// </summary>
    public static void ReadAll(IServiceProvider services)
    {
        services.GetService<EmbeddedDatabaseFile>();
        Read(() => services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value);
        Read(() => services.GetRequiredService<IOptions<QueuePumpOptions>>().Value);
        Read(() => services.GetRequiredService<IOptions<DurableTaskOptions>>().Value);
        Read(() => services.GetRequiredService<IOptions<OrdersOptions>>().Value);
    }

    /// <summary>The dashboard's settings, checked.</summary>
    public static DashboardOptions ReadDashboard(IConfiguration configuration) => Read(() =>
    {
        var options = new DashboardOptions
        {
            TraceLinkTemplate = configuration.GetSection(DashboardOptions.SectionName)[
                nameof(DashboardOptions.TraceLinkTemplate)],
        };
        options.Validate();
        return options;
    });

    /// <summary>Runs <paramref name="read"/>, turning a binding failure or a refused value into one line.</summary>
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException exception) when (exception.InnerException is { } cause)
        {
            // The configuration binder: "Failed to convert configuration value at 'Orders:ApprovalThreshold' to type
            // 'System.Decimal'.", caused by the value's own format error.
            throw new InvalidSettingException($"{exception.Message} {cause.Message}", exception);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidSettingException(exception.Message, exception);
        }
    }
}
