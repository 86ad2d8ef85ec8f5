using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable;
using Serverless.Durable.Serialization;
using Serverless.Functions.Saga;
using Serverless.Orders;
using Serverless.Orders.Events;
using Serverless.Orders.Inventory;
using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Screening;
using Serverless.Testing.Azurite;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// The Function App's services (AddFunctionApp: Azure Tables and Queues on Azurite through the AzureWebJobsStorage
/// connection string) with the project's engine running the Function App's own orchestrator and activity functions
/// over the same storage. No Functions host or Durable Functions runtime can run here: on Azure, the [DurableClient]
/// binding provides Durable Functions' client; here the engine's EngineDurableTaskClient stands in for it.
/// </summary>
public sealed class FunctionApp(AzuriteFixture azurite) : IAsyncLifetime
{
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    /// <summary>The client HTTP functions get from [DurableClient] (here: the engine's).</summary>
    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public async Task InitializeAsync()
    {
        var settings = new HostApplicationBuilderSettings { DisableDefaults = true };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Orders:PaymentRetry:FirstRetryInterval"] = "00:00:00.050",
            ["Orders:StepRetry:FirstRetryInterval"] = "00:00:00.050",
            ["Orders:MustSucceedRetry:FirstRetryInterval"] = "00:00:00.050",
            ["Orders:MustSucceedRetry:MaxRetryInterval"] = "00:00:00.200",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFunctionApp(builder.Configuration);
        builder.Services.AddSingleton<DataConverter>(new SourceGeneratedDataConverter(OrderSaga.Payloads));
        IServiceProvider? provider = null;
        builder.Services.AddDurableTask(
            registry => Register(registry, () => provider!),
            options =>
            {
                options.TaskHub = "fa" + Guid.NewGuid().ToString("N")[..8];
                options.MaxPollingInterval = TimeSpan.FromMilliseconds(50);
            });
        builder.Services.AddEngineQueueService();
        _host = builder.Build();
        provider = _host.Services;
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    /// <summary>
    /// A request as the worker's ASP.NET Core integration hands it to a function: a real HttpContext.
    /// </summary>
    public HttpContext Request(
        string method,
        string path,
        string? json = null,
        string? contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        context.Response.Body = new MemoryStream();
        if (json is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        return context;
    }

    // The Function App's orchestrator and activity functions, run by the engine as Durable Functions would run them.
    private static void Register(DurableTaskRegistry registry, Func<IServiceProvider> services)
    {
        SagaActivityFunctions Activities() => ActivatorUtilities.CreateInstance<SagaActivityFunctions>(services());
        TestFunctionContext Context(TaskActivityContext context) => new(context.InstanceId, services());

        registry
            .AddOrchestratorFunc<PlaceOrderInput, PlaceOrderResult>(
                PlaceOrderOrchestrator.Name,
                (context, _) => PlaceOrderFunction.RunAsync(context))
            .AddActivityFunc<PlaceOrderInput, object?>(
                SagaActivities.RecordOrder,
                (c, i) => Activities().RecordOrderAsync(i!, Context(c)))
            .AddActivityFunc<ReserveStockInput, ReservationOutcome>(
                SagaActivities.ReserveStock,
                (c, i) => Activities().ReserveStockAsync(i!, Context(c)))
            .AddActivityFunc<OrderStockInput, StockCommitOutcome?>(
                SagaActivities.CommitStock,
                (c, i) => Activities().CommitStockAsync(i!, Context(c)))
            .AddActivityFunc<OrderStockInput, object?>(
                SagaActivities.ReleaseStock,
                (c, i) => Activities().ReleaseStockAsync(i!, Context(c)))
            .AddActivityFunc<ChargePaymentInput, PaymentReceipt>(
                SagaActivities.ChargePayment,
                (c, i) => Activities().ChargePaymentAsync(i!, Context(c)))
            .AddActivityFunc<RefundPaymentInput, PaymentReceipt>(
                SagaActivities.RefundPayment,
                (c, i) => Activities().RefundPaymentAsync(i!, Context(c)))
            .AddActivityFunc<SetOrderStatusInput, object?>(
                SagaActivities.SetOrderStatus,
                (c, i) => Activities().SetOrderStatusAsync(i!, Context(c)))
            .AddActivityFunc<string, ApprovalDecision>(
                SagaActivities.RecordApprovalTimeout,
                (c, i) => Activities().RecordApprovalTimeoutAsync(i!, Context(c)))
            .AddActivityFunc<ScreenOrderInput, ScreenVerdict>(
                SagaActivities.ScreenOrder,
                (c, i) => Activities().ScreenOrderAsync(i!, Context(c)))
            .AddActivityFunc<OrderConfirmed, object?>(
                SagaActivities.PublishOrderConfirmed,
                (c, i) => Activities().PublishOrderConfirmedAsync(i!, Context(c)));
    }
}
