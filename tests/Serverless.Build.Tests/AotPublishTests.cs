using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Serverless.Build.Tests;

/// <summary>
/// Native AOT kept honest: the default publish of the host succeeds with zero trim/AOT (or any other) warnings,
/// produces one native executable, and that executable serves health and a whole order saga. No timing is asserted:
/// bench/coldstart measures start-up.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed partial class AotPublishTests(AotPublishFixture publish) : IClassFixture<AotPublishFixture>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Publish_succeeds_with_zero_warnings()
    {
        Assert.True(publish.Result.ExitCode == 0 && publish.Diagnostics.Count == 0, publish.Report);
    }

    [Fact]
    public void Publish_produces_a_native_executable_and_no_managed_host_assembly()
    {
        Assert.True(File.Exists(publish.Executable), $"No {publish.Executable}.\n{publish.Report}");

        var header = new byte[4];
        using (var file = File.OpenRead(publish.Executable))
        {
            file.ReadExactly(header);
        }

        Assert.True(
            header is [0x7F, (byte)'E', (byte)'L', (byte)'F'],
            $"{publish.Executable} is not an ELF executable.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(
                (File.GetUnixFileMode(publish.Executable) & UnixFileMode.UserExecute) != 0,
                $"{publish.Executable} is not executable.");
        }

        // A JIT or ReadyToRun publish would ship the app as IL next to an apphost.
        Assert.False(File.Exists(Path.Combine(publish.PublishDirectory, "Serverless.Host.dll")),
            "Serverless.Host.dll was published: the default flavour is no longer Native AOT.");
    }

    [Fact]
    public async Task Native_executable_starts_and_answers_health()
    {
        Assert.True(File.Exists(publish.Executable), publish.Report);
        await using var host = HostProcess.Start(publish.Executable);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var status = await host.WaitHealthyAsync(http, StartTimeout);

        var answer = status is null ? "no answer" : ((int)status).ToString(CultureInfo.InvariantCulture);
        Assert.True(status == HttpStatusCode.OK,
            $"GET /api/health: {answer} within {StartTimeout.TotalSeconds:0} s" +
            $"{(host.HasExited ? " (the host exited)" : "")}.\n--- host output ---\n{host.Output}");
    }

    [Fact]
    public async Task Native_executable_confirms_an_order()
    {
        // Trimming bugs (a JSON type info or a route handler trimmed away) show only when the code runs.
        await using var host = await StartHealthyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        var order = await PlaceAndSettleAsync(http, host, "SKU-1", "tok_visa");

        Assert.True(order.GetProperty("status").GetString() == "Confirmed", $"Order {order}\n{host.Output}");
    }

    [Fact]
    public async Task Native_executable_compensates_a_declined_charge_without_retrying_it()
    {
        // The saga tells a decline (final) from a transient failure by the failure's error type name; the SDK's own
        // IsCausedBy<T>() cannot resolve app types under Native AOT, so this is the path that must be seen working
        // here.
        await using var host = await StartHealthyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        var order = await PlaceAndSettleAsync(http, host, "SKU-2", "tok_decline");

        Assert.True(order.GetProperty("status").GetString() == "Cancelled", $"Order {order}\n{host.Output}");
        Assert.StartsWith("Payment declined", order.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var stock = await GetJsonAsync(http, "api/inventory/SKU-2");
        Assert.Equal((10, 0), (stock.GetProperty("available").GetInt32(), stock.GetProperty("reserved").GetInt32()));
        var instance = await GetJsonAsync(
            http,
            $"runtime/webhooks/durabletask/instances/{order.GetProperty("orderId").GetString()}?showHistory=true");
        var charges = instance.GetProperty("historyEvents").EnumerateArray()
            .Count(e => e.GetProperty("EventType").GetString() == "TaskScheduled"
                && e.GetProperty("FunctionName").GetString() == "ChargePayment");
        Assert.True(
            charges == 1,
            $"A declined charge was scheduled {charges} times; a decline must not be retried.\n{instance}");
    }

    private async Task<HostProcess> StartHealthyAsync()
    {
        Assert.True(File.Exists(publish.Executable), publish.Report);
        var host = HostProcess.Start(publish.Executable);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var status = await host.WaitHealthyAsync(http, StartTimeout);
        Assert.True(status == HttpStatusCode.OK, $"Not healthy.\n{host.Output}");
        return host;
    }

    /// <summary>
    /// Stocks <paramref name="sku"/> with 10, orders 2 paid with <paramref name="token"/>, and polls until the order is
    /// Confirmed or Cancelled.
    /// </summary>
    private static async Task<JsonElement> PlaceAndSettleAsync(
        HttpClient http,
        HostProcess host,
        string sku,
        string token)
    {
        using var stock = await http.PutAsync(
            $"api/inventory/{sku}",
            JsonContent("""{"quantity":10,"unitPrice":12.5}"""));
        Assert.True(
            stock.IsSuccessStatusCode,
            $"PUT stock: {(int)stock.StatusCode} {await stock.Content.ReadAsStringAsync()}\n{host.Output}");
        var orderJson = $$$"""{"customerId":"c-1","items":[{"sku":"{{{sku}}}","quantity":2}],"payment":""" +
            $$$"""{"token":"{{{token}}}"}}""";
        using var placed = await http.PostAsync("api/orders", JsonContent(orderJson));
        var placedBody = await placed.Content.ReadAsStringAsync();
        Assert.True(
            placed.StatusCode == HttpStatusCode.Accepted,
            $"POST order: {(int)placed.StatusCode} {placedBody}\n{host.Output}");
        var orderId = JsonDocument.Parse(placedBody).RootElement.GetProperty("orderId").GetString();

        var deadline = DateTime.UtcNow + StartTimeout;
        JsonElement order = default;
        while (DateTime.UtcNow < deadline && !host.HasExited)
        {
            order = await GetJsonAsync(http, $"api/orders/{orderId}");
            if (order.GetProperty("status").GetString() is "Confirmed" or "Cancelled")
            {
                return order;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Order {orderId} did not settle within {StartTimeout.TotalSeconds:0} s: " +
            $"{order}\n{host.Output}");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
