using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Http.Limits;

namespace Serverless.Functions.Http;

/// <summary>Adds the per-client rate limit to the Function App's worker.</summary>
public static class ClientRateLimitWorkerExtensions
{
    /// <summary>
    /// Reads <c>Serverless:RateLimit</c> (app settings <c>Serverless__RateLimit__*</c>, as on the local host) and,
    /// when it is on, limits every HTTP function per client. A value out of range stops the app naming it.
    /// </summary>
    public static IFunctionsWorkerApplicationBuilder UseClientRateLimits(
        this IFunctionsWorkerApplicationBuilder builder,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ClientRateLimitOptions();
        configuration.GetSection(ClientRateLimitOptions.SectionName).Bind(options);
        if (options.Validate().FirstOrDefault() is { } error)
        {
            throw new InvalidOperationException(error);
        }

        if (options.Enabled)
        {
            builder.Services.AddSingleton(ClientRateLimiter.Create(options, ClientRateLimitMiddleware.PresentedKey));
            builder.UseMiddleware<ClientRateLimitMiddleware>();
        }

        return builder;
    }
}
