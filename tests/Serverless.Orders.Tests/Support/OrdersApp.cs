using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Durable;
using Serverless.Durable.Serialization;
using Serverless.Hosting;
using Serverless.Orders.Events;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Serialization;
using CoreHistoryEvent = DurableTask.Core.History.HistoryEvent;
using Serverless.Storage;

namespace Serverless.Orders.Tests.Support;

/// <summary>
/// The order function set running in-process as the host runs it: Kestrel on an OS-chosen port with the functions
/// pipeline, the engine's in-process worker, embedded SQLite. Retries and polling are fast so the suite stays short.
/// </summary>
public sealed class OrdersApp : IAsyncLifetime, IDisposable
{
    private TempDirectory? _root;
    private TemporaryDatabase? _database;
    private readonly ConcurrentQueue<OrderConfirmed> _published = new();
    private readonly Action<OrdersOptions>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private WebApplication? _app;

    public OrdersApp() : this(null)
    {
    }

    /// <param name="configure">Changes to the (fast) test options.</param>
    /// <param name="services">Registrations made before the order function set's, e.g. another
    /// <c>IPaymentGateway</c>.</param>
    internal OrdersApp(Action<OrdersOptions>? configure, Action<IServiceCollection>? services = null)
    {
        _configure = configure;
        _services = services;
    }

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        _root = new TempDirectory("orders-app");
        _database = new TemporaryDatabase();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--port", "0"],
            ContentRootPath = _root.Path,
            EnvironmentName = "Production",
        });
        builder.Services.AddSingleton<IStorageProvider>(_database.CreateProvider());
        builder.AddFunctionsHost();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _services?.Invoke(builder.Services);
        builder.Services.AddOrders(configure: options =>
        {
            options.PaymentRetry = new RetrySettings
            {
                MaxAttempts = 5,
                FirstRetryInterval = TimeSpan.FromMilliseconds(50),
                MaxRetryInterval = TimeSpan.FromMilliseconds(200),
            };
            options.StepRetry = new RetrySettings
            {
                MaxAttempts = 3,
                FirstRetryInterval = TimeSpan.FromMilliseconds(50),
            };
            options.MustSucceedRetry = new RetrySettings
            {
                MaxAttempts = int.MaxValue,
                FirstRetryInterval = TimeSpan.FromMilliseconds(50),
                MaxRetryInterval = TimeSpan.FromMilliseconds(200),
            };
            _configure?.Invoke(options);
        });
        // The function set as every host composes it (AddOrders above), on the engine as the local host runs it.
        builder.Services.AddDurableTask(OrderSaga.Register, OrderSaga.Payloads, OrderSaga.ActivityQueues, options =>
        {
            options.TaskHub = "orders";
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(50);
        });
        builder.Services.AddEngineQueueService();

        _app = builder.Build();
        _app.UseFunctionsHost();
        _app.MapFunctionsApi().MapOrdersApi();
        await _app.StartAsync();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        _database?.Dispose();
        _database = null;
        _root?.Dispose();
        _root = null;
    }

    /// <summary>A SKU name no other test uses.</summary>
    public static string NewSku(string prefix = "SKU") =>
        $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public async Task PutStockAsync(string sku, long quantity, decimal unitPrice)
    {
        using var response = await Http.PutAsJsonAsync($"/api/inventory/{sku}", new { quantity, unitPrice });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetStockAsync(string sku) => await GetJsonAsync($"/api/inventory/{sku}");

    /// <summary>Places an order for <paramref name="items"/> (sku, quantity) and returns its id.</summary>
    public async Task<string> PlaceAsync(string token, params (string Sku, int Quantity)[] items)
    {
        var body = new { customerId = "c-1", items = items.Select(
            i => new { sku = i.Sku,
            quantity = i.Quantity }), payment = new { token } };
        using var response = await Http.PostAsJsonAsync("/api/orders", body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return accepted.GetProperty("orderId").GetString()!;
    }

    /// <summary>
    /// Stocks a new SKU at 600.00 and places an order for two (over the approval threshold); waits until it awaits
    /// approval.
    /// </summary>
    public async Task<(string Sku, string OrderId)> PlaceAwaitingApprovalAsync()
    {
        var sku = NewSku();
        await PutStockAsync(sku, 5, 600m);
        var orderId = await PlaceAsync(TestTokens.Visa, (sku, 2));
        await WaitForStatusAsync(orderId, "AwaitingApproval");
        return (sku, orderId);
    }

    /// <summary>Waits for the order's saga to finish and returns the order as the API shows it.</summary>
    public async Task<JsonElement> SettledAsync(string orderId)
    {
        var instance = await Durable.WaitForInstanceCompletionAsync(orderId).WithDeadline($"order {orderId} settles");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return await GetJsonAsync($"/api/orders/{orderId}");
    }

    /// <summary>The saga's history as the SDK client returns it.</summary>
    public async Task<IList<CoreHistoryEvent>> HistoryAsync(string orderId) =>
        await Durable.GetOrchestrationHistoryAsync(orderId);

    public Task<JsonElement> WaitForStatusAsync(string orderId, string status) =>
        Eventually.ValueAsync(
            () => GetJsonAsync($"/api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() == status,
            $"order {orderId} is {status}");

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Every <c>OrderConfirmed</c> published so far (the queue is drained into a list, so later calls see earlier
    /// events too).
    /// </summary>
    public async Task<IReadOnlyList<OrderConfirmed>> PublishedAsync()
    {
        var queue = Services.GetRequiredService<IStorageProvider>().GetQueue(OrderEventPublisher.QueueName);
        while (await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5)) is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                _published.Enqueue(JsonSerializer.Deserialize(message.Body, OrdersJsonContext.Default.OrderConfirmed)!);
                await queue.CompleteAsync(message);
            }
        }

        return [.. _published];
    }
}
