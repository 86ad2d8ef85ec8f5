using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Functions.Http;
using Serverless.Functions.Retention;
using Serverless.Functions.Tests.Support;
using Serverless.Testing.Azurite;

namespace Serverless.Functions.Tests;

/// <summary>
/// <c>PurgeHistory</c>, the Function App's retention timer, called directly against the client the HTTP functions get
/// (here the engine's, on Azurite; on Azure, Durable Functions'): sagas finished longer ago than the max age go, in
/// bounded batches, and their orders stay.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class RetentionFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FunctionApp _app = new(azurite);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_timer_purges_expired_sagas_in_bounded_batches_and_keeps_running_ones_and_the_orders()
    {
        var sku = FunctionAppTests.NewSku();
        await SetStockAsync(sku, 200, 10m);
        var confirmed = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            confirmed.Add(await PlaceAsync(sku, 1));
        }

        var waiting = await PlaceAsync(sku, 101); // 1,010.00: above the approval threshold, so it waits
        foreach (var orderId in confirmed)
        {
            var instance = await _app.Client.WaitForInstanceCompletionAsync(orderId)
                .WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        }

        await WaitForOrderStatusAsync(waiting, "AwaitingApproval");

        // Eight days on: everything created so far is past the default max age of seven days.
        var retention = new OrchestrationRetention(
            OrchestrationRetention.DefaultMaxAge,
            new ShiftedClock(TimeSpan.FromDays(8)),
            batchSize: 3);
        var beforeMaxAge = new OrchestrationRetention(
            OrchestrationRetention.DefaultMaxAge,
            TimeProvider.System,
            batchSize: 3);
        var early = await beforeMaxAge.PurgeExpiredAsync(_app.Client);
        await new PurgeHistoryFunction(retention, NullLogger<PurgeHistoryFunction>.Instance).RunAsync(
            new TimerInfo(),
            _app.Client,
            default);
        var again = await retention.PurgeExpiredAsync(_app.Client);

        Assert.Equal((0, 0), (early.Batches, early.Purged));
        Assert.Equal((0, 0), (again.Batches, again.Purged));
        foreach (var orderId in confirmed)
        {
            Assert.Null(await _app.Client.GetInstanceAsync(orderId));
            var order = await GetOrderAsync(orderId);
            Assert.Equal((200, "Confirmed"), (order.Status, order.Body.GetProperty("status").GetString()));
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _app.Client.GetInstanceAsync(waiting))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_takes_several_purge_calls()
    {
        var orders = await PlaceSettledOrdersAsync(10);

        var run = await new OrchestrationRetention(
            OrchestrationRetention.DefaultMaxAge,
            new ShiftedClock(TimeSpan.FromDays(8)),
            batchSize: 2)
            .PurgeExpiredAsync(_app.Client);

        Assert.Equal(10, run.Purged);
        Assert.True(run.Batches >= 5, $"10 instances in batches of 2 take at least 5 purge calls, took {run.Batches}");
        foreach (var orderId in orders)
        {
            Assert.Null(await _app.Client.GetInstanceAsync(orderId));
        }
    }

    [Fact]
    public async Task Two_runs_at_once_purge_each_instance_once_and_fail_nothing()
    {
        var orders = await PlaceSettledOrdersAsync(10);
        var clock = new ShiftedClock(TimeSpan.FromDays(8));
        var one = new OrchestrationRetention(OrchestrationRetention.DefaultMaxAge, clock, batchSize: 2);
        var two = new OrchestrationRetention(OrchestrationRetention.DefaultMaxAge, clock, batchSize: 2);

        var runs = await Task.WhenAll(
            Task.Run(() => one.PurgeExpiredAsync(_app.Client)),
            Task.Run(() => two.PurgeExpiredAsync(_app.Client)));

        Assert.Equal(10, runs.Sum(r => r.Purged));
        foreach (var orderId in orders)
        {
            Assert.Null(await _app.Client.GetInstanceAsync(orderId));
        }
    }

    [Fact]
    public async Task An_old_instance_finished_recently_is_kept_until_it_has_been_finished_longer_than_the_max_age()
    {
        // The same meaning as the local host's retention (RetentionTests): the age counts from the last update.
        var sku = FunctionAppTests.NewSku();
        await SetStockAsync(sku, 200, 10m);
        var finishedEarly = await PlaceAsync(sku, 1);
        var early = await _app.Client.WaitForInstanceCompletionAsync(finishedEarly).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, early.RuntimeStatus);
        var waiting = await PlaceAsync(sku, 101);
        await WaitForOrderStatusAsync(waiting, "AwaitingApproval");
        await _app.Client.TerminateInstanceAsync(waiting);
        var terminated = await _app.Client.WaitForInstanceCompletionAsync(waiting).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);

        // A cutoff after its creation (and after the early one finished) but before it finished.
        var cutoff = terminated.CreatedAt + ((terminated.LastUpdatedAt - terminated.CreatedAt) / 2);
        Assert.True(early.LastUpdatedAt < cutoff && cutoff < terminated.LastUpdatedAt);
        var maxAge = OrchestrationRetention.DefaultMaxAge;
        await new OrchestrationRetention(maxAge, new FixedClock(cutoff + maxAge), batchSize: 3)
            .PurgeExpiredAsync(_app.Client);

        Assert.Null(await _app.Client.GetInstanceAsync(finishedEarly));
        Assert.Equal(
            OrchestrationRuntimeStatus.Terminated,
            (await _app.Client.GetInstanceAsync(waiting))!.RuntimeStatus);

        var later = new FixedClock(terminated.LastUpdatedAt + maxAge + TimeSpan.FromSeconds(1));
        var run = await new OrchestrationRetention(maxAge, later, batchSize: 3).PurgeExpiredAsync(_app.Client);

        Assert.True(run.Purged >= 1);
        Assert.Null(await _app.Client.GetInstanceAsync(waiting));
    }

    [Theory]
    [InlineData(null, 7.0)]
    [InlineData("1.00:00:00", 1.0)]
    [InlineData("0", 0.0)]
    public void The_max_age_is_read_from_Durable_Retention_MaxAge_with_a_week_by_default_and_zero_turning_it_off(
        string? setting,
        double days)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [OrchestrationRetention.MaxAgeSetting] = setting })
            .Build();

        var retention = OrchestrationRetention.FromConfiguration(configuration);

        Assert.Equal(TimeSpan.FromDays(days), retention.MaxAge);
        Assert.Equal(days > 0, retention.Enabled);
    }

    [Fact]
    public async Task Retention_turned_off_purges_nothing()
    {
        var sku = FunctionAppTests.NewSku();
        await SetStockAsync(sku, 10, 10m);
        var orderId = await PlaceAsync(sku, 1);
        await _app.Client.WaitForInstanceCompletionAsync(orderId).WaitAsync(TimeSpan.FromSeconds(60));

        var run = await new OrchestrationRetention(TimeSpan.Zero, new ShiftedClock(TimeSpan.FromDays(3650)))
            .PurgeExpiredAsync(_app.Client);

        Assert.Equal((0, 0), (run.Batches, run.Purged));
        Assert.NotNull(await _app.Client.GetInstanceAsync(orderId));
    }

    [Fact]
    public void A_malformed_max_age_stops_the_app_at_start_with_the_setting_named()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string,
                string?> { [OrchestrationRetention.MaxAgeSetting] = "a week" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() =>
            OrchestrationRetention.FromConfiguration(configuration));

        Assert.Contains(OrchestrationRetention.MaxAgeSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timer_runs_every_hour()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.FunctionsMetadata));
        var function = Assert.Single(
            document.RootElement.EnumerateArray(),
            f => f.GetProperty("name").GetString() == PurgeHistoryFunction.FunctionName);
        var timer = Assert.Single(
            function.GetProperty("bindings").EnumerateArray(),
            b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("0 0 * * * *", timer.GetProperty("schedule").GetString());
    }

    private async Task<List<string>> PlaceSettledOrdersAsync(int count)
    {
        var sku = FunctionAppTests.NewSku();
        await SetStockAsync(sku, count, 10m);
        var orders = new List<string>();
        for (var i = 0; i < count; i++)
        {
            orders.Add(await PlaceAsync(sku, 1));
        }

        foreach (var orderId in orders)
        {
            var instance = await _app.Client.WaitForInstanceCompletionAsync(orderId)
                .WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        }

        return orders;
    }

    private async Task<string> PlaceAsync(string sku, int quantity)
    {
        var context = _app.Request(
            "POST",
            "/api/orders",
            JsonSerializer.Serialize(
                new
                {
                    customerId = "c-retention",
                    items = new[] { new { sku, quantity } },
                    payment = new { token = "tok_visa" },
                }));
        var placed = await Answer.OfAsync(
            context,
            await _app.Create<OrderHttpFunctions>().CreateOrderAsync(context.Request, _app.Client, default));
        Assert.Equal(202, placed.Status);
        return placed.Body.GetProperty("orderId").GetString()!;
    }

    private async Task SetStockAsync(string sku, long quantity, decimal unitPrice)
    {
        var context = _app.Request(
            "PUT",
            $"/api/inventory/{sku}",
            JsonSerializer.Serialize(new { quantity, unitPrice }));
        Assert.Equal(
            200,
            (await Answer.OfAsync(
                context,
                await _app.Create<InventoryFunctions>().SetStockAsync(context.Request, sku, default))).Status);
    }

    private async Task<Answer> GetOrderAsync(string orderId)
    {
        var context = _app.Request("GET", $"/api/orders/{orderId}");
        return await Answer.OfAsync(
            context,
            await _app.Create<OrderHttpFunctions>().GetOrderAsync(context.Request, orderId, default));
    }

    private async Task WaitForOrderStatusAsync(string orderId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await GetOrderAsync(orderId)).Body is var body && body.GetProperty("status").GetString() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} is not {status} within 60 s: {body}");
            await Task.Delay(50);
        }
    }

    /// <summary>A clock stopped at <paramref name="now"/>.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The real clock moved on by a fixed amount, so instances made now look that much older.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
