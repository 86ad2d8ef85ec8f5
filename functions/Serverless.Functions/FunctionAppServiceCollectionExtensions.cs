using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Functions.Retention;
using Serverless.Functions.Telemetry;
using Serverless.Http;
using Serverless.Orders;
using Serverless.Orders.Saga;
using Serverless.Orders.ServiceBus;
using Serverless.Storage.Azure;

namespace Serverless.Functions;

/// <summary>The Function App's services: everything its functions bind besides the trigger data.</summary>
public static class FunctionAppServiceCollectionExtensions
{
    /// <summary>
    /// Adds the order function set on Azure Storage (the <c>AzureWebJobsStorage</c> connection, as the Functions host
    /// reads it: a connection string, or <c>__accountName</c> with a managed identity), problem+json shaped as the
    /// local host shapes it, the worker's payload serializer (the order contracts, camelCase) and, when a
    /// <c>ServiceBus</c> connection is configured, the Service Bus publisher of integration events; and the retention
    /// of finished orchestration instances (<c>Durable__Retention__MaxAge</c>) that <c>PurgeHistory</c> runs; and,
    /// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, the OpenTelemetry export to Azure Monitor.
    /// </summary>
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAzureStorage(configuration);
        services.AddOrders(configuration);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FunctionProblems.Customize);

        // Durable Functions (isolated) takes no DataConverter from DI: it wraps WorkerOptions.Serializer in its
        // ObjectConverterShim (a post-configure step that would overwrite one set directly). So the order contracts go
        // in through the serializer: orchestration, activity and event payloads use the same camelCase JSON as the
        // engine's SourceGeneratedDataConverter, with reflection as the fallback for the extension's own types (fine
        // under R2R).
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(PayloadJsonOptions()));

        services.AddServiceBusEvents(configuration, ManagedIdentityCredentials.Create);

        // Read at start-up, so a malformed Durable__Retention__MaxAge stops the app with a clear error.
        var retention = OrchestrationRetention.FromConfiguration(configuration);
        services.TryAddSingleton(sp => new OrchestrationRetention(
            retention.MaxAge,
            sp.GetRequiredService<TimeProvider>()));
        services.AddAzureMonitorExport(configuration);
        return services;
    }

    /// <summary>The JSON options of durable payloads: the order contracts first, then reflection.</summary>
    public static JsonSerializerOptions PayloadJsonOptions() =>
        new(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(OrderSaga.Payloads, new DefaultJsonTypeInfoResolver()),
        };
}
