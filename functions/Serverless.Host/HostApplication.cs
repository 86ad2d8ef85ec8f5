using Microsoft.DurableTask;
using Serverless.Durable;
using Serverless.Durable.Serialization;
using Serverless.Host.Management;
using Microsoft.Extensions.Options;
using Serverless.Hosting;
using Serverless.Hosting.Queues;
using Serverless.Orders;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Ordering;
using Serverless.Orders.Saga;
using Serverless.Orders.Serialization;

namespace Serverless.Host;

/// <summary>The order function host: its services, its request pipeline and its routes, ready to run.</summary>
internal static class HostApplication
{
    /// <summary>Composes the host from the command line; see <see cref="FunctionsApplication.CreateBuilder"/> for the content root.</summary>
    public static WebApplication Create(string[] args, string? contentRoot = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args, contentRoot);
        builder.Services
            .AddHostStorage(builder.Configuration)
            .AddSingleton(sp => new OrderLinks(sp.GetRequiredService<IOptions<FunctionsHostOptions>>().Value.RoutePrefix))
            .AddHostEvents(builder.Configuration)
            .AddOrders(builder.Configuration)
            .AddQueueFunction(FulfilmentService.FunctionName, FulfilmentService.QueueName, static async (services, message, cancellationToken) =>
            {
                if (await services.GetRequiredService<FulfilmentService>().FulfilAndCompleteAsync(message.Body, message.Completion, cancellationToken).ConfigureAwait(false))
                {
                    message.MarkCompleted();
                }
            })
            .AddSingleton<DataConverter>(new SourceGeneratedDataConverter(OrdersJsonContext.Default))
            .AddDurableTask(registry => OrdersFunctions.Register(registry), options =>
            {
                builder.Configuration.GetSection("Durable").Bind(options);
                foreach (var (activity, queue) in SagaActivities.Queues)
                {
                    options.ActivityQueues[activity] = queue;
                }
            })
            .AddDurableTaskWorker()
            .AddDurableTaskRetention()
            .AddOrderReconciliation()
            .AddDurableManagementApi()
            .AddQueueManagementApi();

        var app = builder.Build();
        app.UseFunctionsHost();
        app.MapFunctionsApi().MapOrdersApi();
        app.MapDurableManagementApi();
        app.MapQueueManagementApi();
        return app;
    }
}
