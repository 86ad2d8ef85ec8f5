using System.Net;
using System.Text.Json;

namespace Serverless.Build.Tests;

/// <summary>
/// Native AOT kept honest: the default publish of the host succeeds with zero trim/AOT (or any other) warnings,
/// produces one native executable, and that executable serves health and a whole order saga. No timing is asserted:
/// bench/coldstart measures start-up.
/// </summary>
public sealed class AotPublishTests(AotPublishFixture publish) : IClassFixture<AotPublishFixture>
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

        Assert.True(header is [0x7F, (byte)'E', (byte)'L', (byte)'F'], $"{publish.Executable} is not an ELF executable.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(publish.Executable) & UnixFileMode.UserExecute) != 0, $"{publish.Executable} is not executable.");
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

        Assert.True(status == HttpStatusCode.OK,
            $"GET /api/health: {(status is null ? "no answer" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))} "
            + $"within {StartTimeout.TotalSeconds:0} s{(host.HasExited ? " (the host exited)" : "")}.\n--- host output ---\n{host.Output}");
    }

    [Fact]
    public async Task Native_executable_confirms_an_order()
    {
        // Trimming bugs (a JSON type info or a route handler trimmed away) show only when the code runs.
        Assert.True(File.Exists(publish.Executable), publish.Report);
        await using var host = HostProcess.Start(publish.Executable);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Assert.True(await host.WaitHealthyAsync(http, StartTimeout) == HttpStatusCode.OK, $"Not healthy.\n{host.Output}");

        using var stock = await http.PutAsync("api/inventory/SKU-1", JsonContent("""{"quantity":10,"unitPrice":12.5}"""));
        Assert.True(stock.IsSuccessStatusCode, $"PUT stock: {(int)stock.StatusCode} {await stock.Content.ReadAsStringAsync()}\n{host.Output}");
        using var placed = await http.PostAsync("api/orders",
            JsonContent("""{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":2}],"payment":{"token":"tok_visa"}}"""));
        var placedBody = await placed.Content.ReadAsStringAsync();
        Assert.True(placed.StatusCode == HttpStatusCode.Accepted, $"POST order: {(int)placed.StatusCode} {placedBody}\n{host.Output}");
        var orderId = JsonDocument.Parse(placedBody).RootElement.GetProperty("orderId").GetString();

        var status = "";
        var deadline = DateTime.UtcNow + StartTimeout;
        while (status != "Confirmed" && DateTime.UtcNow < deadline && !host.HasExited)
        {
            using var order = await http.GetAsync($"api/orders/{orderId}");
            if (order.StatusCode == HttpStatusCode.OK)
            {
                status = JsonDocument.Parse(await order.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            }

            if (status != "Confirmed")
            {
                await Task.Delay(50);
            }
        }

        Assert.True(status == "Confirmed", $"Order {orderId} is '{status}', not Confirmed, after {StartTimeout.TotalSeconds:0} s.\n{host.Output}");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
