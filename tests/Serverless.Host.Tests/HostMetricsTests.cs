using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Serverless.Durable;
using Serverless.Host.Tests.Support;
using Serverless.Orders.Diagnostics;

namespace Serverless.Host.Tests;

/// <summary>
/// The host's own composition puts the orders' and the engine's meters on its meter factory, where an exporter's
/// <c>AddMeter</c> finds them. In-process, in the collection of the other in-process host, so the two never overlap.
/// </summary>
[Collection(ServiceProviderGenericsCollection.Name)]
public sealed class HostMetricsTests
{
    [Fact]
    public async Task A_confirmed_order_through_the_host_shows_on_both_meters_and_the_gauges_read_its_store()
    {
        var root = Directory.CreateTempSubdirectory("serverless-metrics-").FullName;
        try
        {
            await using var app = HostApplication.Create(
                [
                    "--port", "0", "--data-dir", Path.Combine(root, "data"),
                    "--Durable:QueueMetricsInterval=00:00:00", "--Orders:Metrics:CompensatingReadInterval=00:00:00",
                ],
                root);
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            using var placed = new MetricCollector<long>(meters, OrdersMetrics.MeterName, "orders.placed");
            using var confirmed = new MetricCollector<long>(meters, OrdersMetrics.MeterName, "orders.confirmed");
            using var compensating = new MetricCollector<long>(meters, OrdersMetrics.MeterName, "orders.compensating");
            using var episodes = new MetricCollector<long>(meters, DurableMetrics.MeterName, "durable.episodes");
            using var runs = new MetricCollector<double>(meters, DurableMetrics.MeterName, "durable.activity.duration");
            using var depth = new MetricCollector<long>(meters, DurableMetrics.MeterName, "durable.queue.depth");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            (await http.PutAsJsonAsync("api/inventory/SKU-M", new { quantity = 10, unitPrice = 12.5m }))
                .EnsureSuccessStatusCode();
            using var response = await http.PostAsJsonAsync("api/orders", new
            {
                customerId = "c-1",
                items = new[] { new { sku = "SKU-M", quantity = 2 } },
                payment = new { token = "tok_visa" },
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
            await Eventually.ValueAsync(
                async () => (await http.GetFromJsonAsync<JsonElement>($"api/orders/{orderId}"))
                    .GetProperty("status").GetString(),
                status => status == "Confirmed",
                $"order {orderId} is confirmed");

            Assert.Equal(1, placed.Sum());
            Assert.Equal(1, confirmed.Sum());
            Assert.True(episodes.Sum("name", "PlaceOrder") >= 2, "the saga's episodes are counted");
            Assert.Contains(runs.GetMeasurementSnapshot(), run => Equals(run.Tags["name"], "ChargePayment"));
            await compensating.ObservedAsync(o => o.ValueOf<long>() == 0, "no order is being compensated");
            var queues = await depth.ObservedAsync(o => o.Count > 0, "the engine's queues are read");
            Assert.Equal(
                ["durable-activities", "durable-orchestrations", "inventory", "payments"],
                queues.Select(m => (string)m.Tags["queue"]!).Distinct().Order(StringComparer.Ordinal));
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
