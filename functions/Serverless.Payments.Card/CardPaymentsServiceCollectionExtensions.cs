using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Serverless.Payments.Card;

/// <summary>Registers the card-payments provider's client.</summary>
public static class CardPaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CardPaymentsClient"/> over a named <see cref="HttpClient"/> whose handlers are the resilience
    /// pipeline (<see cref="CardPaymentsPipeline"/>: one circuit and one bulkhead per process) and the attempt counter.
    /// <paramref name="options"/> gives the (validated) settings; it is asked when the client and the pipeline are
    /// first built.
    /// </summary>
    public static IServiceCollection AddCardPayments(
        this IServiceCollection services,
        Func<IServiceProvider, CardPaymentsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = services.AddHttpClient(CardPaymentsClient.HttpClientName, (provider, client) =>
        {
            var settings = options(provider);
            client.BaseAddress = Root(settings.BaseUrl!);
            // The pipeline's timeouts decide; HttpClient's own (100 s) would cut a call short without saying why.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        // Handlers in the order added, outermost first: the pipeline sees each attempt the counter hands on.
        http.AddResilienceHandler(
            CardPaymentsPipeline.Name,
            (pipeline, context) => CardPaymentsPipeline.Configure(pipeline, options(context.ServiceProvider)));
        http.AddHttpMessageHandler(static () => new AttemptCounter());
        services.TryAddSingleton(provider => new CardPaymentsClient(
            provider.GetRequiredService<IHttpClientFactory>(),
            options(provider),
            provider.GetRequiredService<ILogger<CardPaymentsClient>>()));
        return services;
    }

    // Relative paths ("v1/charges") resolve under the base URL's last segment only when it ends with a slash.
    private static Uri Root(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
