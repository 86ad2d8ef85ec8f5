using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;
using Serverless.Testing.Browser;

namespace Serverless.Dashboard.Tests.Support;

/// <summary>
/// One real host for the browser tests, with keys on (the pages must send the admin key) and the fault knob that
/// poisons every order's <c>OrderConfirmed</c> (docs/dashboard.md: so the poison pages have content), and one headless
/// Chromium.
/// </summary>
public class DashboardHostFixture : IAsyncLifetime
{
    public const string AdminKey = "dashboard-admin-key";

    public HostProcess Host { get; private set; } = null!;

    public HeadlessBrowser Browser { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await HostProcess.StartAsync(
            "dashboard",
            [
                $"--Serverless:AdminKey={AdminKey}",
                "--Orders:Fulfilment:SimulatedFailures=5",
                "--Serverless:Queues:RetryBaseDelay=00:00:00.200",
                .. Settings,
            ]);
        Api = new HttpClient { BaseAddress = Host.BaseAddress };
        Api.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        Browser = await HeadlessBrowser.StartAsync();
    }

    /// <summary>Settings the host starts with besides the key and the poison knob.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public Uri Page(string path) => new(Host.BaseAddress, path);

    /// <summary>
    /// Places a paid order and opens its page with the admin key; returns the trace id the API reports for its
    /// instance.
    /// </summary>
    public async Task<string> OpenNewOrderAsync(string name)
    {
        var sku = $"SKU-{name}-{Guid.NewGuid():N}"[..24];
        await StockAsync(sku);
        var orderId = await PlaceAsync($"c-{name}", sku, "tok_visa");
        var traceId = await TraceIdAsync(orderId);
        UseKey(AdminKey);
        Browser.Open(Page($"dashboard/orders/{orderId}"));
        return traceId;
    }

    /// <summary>Waits for the open order page to show its trace, and reads it.</summary>
    public ShownTrace ReadShownTrace() => Browser.Until(
        d =>
        {
            // Read at once: the page redraws its summary on every refresh.
            var shown = d.FindElement(By.CssSelector("#summary [data-trace-id]"));
            return new ShownTrace(shown.GetAttribute("data-trace-id"), shown.Text, shown.TagName,
                shown.GetAttribute("href"), d.FindElements(By.CssSelector("#summary a")).Count);
        },
        "the order page shows its trace");

    /// <summary>The trace id the engine stored with the instance, as the management API reads it.</summary>
    public async Task<string> TraceIdAsync(string instanceId)
    {
        using var response = await Api.GetAsync($"runtime/webhooks/durabletask/instances/{instanceId}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("traceId").GetString()!;
    }

    /// <summary>Puts <paramref name="sku"/> in stock through the API.</summary>
    public async Task StockAsync(string sku, int quantity = 100)
    {
        using var response = await Api.PutAsJsonAsync($"api/inventory/{sku}", new { quantity, unitPrice = 9.5m });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Places an order through the API; returns its id.</summary>
    public async Task<string> PlaceAsync(string customer, string sku, string token)
    {
        using var response = await Api.PostAsJsonAsync(
            "api/orders",
            new { customerId = customer, items = new[] { new { sku, quantity = 1 } }, payment = new { token } });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("orderId").GetString()!;
    }

    /// <summary>The order's status as the API reads it.</summary>
    public async Task<string> StatusAsync(string orderId)
    {
        using var body = JsonDocument.Parse(await Api.GetStringAsync($"api/orders/{orderId}"));
        return body.RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>
    /// Puts the key in this tab's sessionStorage, as the key form does, without a page calling the API.
    /// </summary>
    public void UseKey(string? key)
    {
        Browser.Open(Page("dashboard/assets/icon.svg"));
        ((OpenQA.Selenium.IJavaScriptExecutor)Browser.Driver).ExecuteScript(
            key is null
                ? "sessionStorage.removeItem('serverless-dashboard-key');"
                : "sessionStorage.setItem('serverless-dashboard-key', arguments[0]);",
            key);
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        Api?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
