using OpenQA.Selenium;
using Serverless.Dashboard.Tests.Support;

namespace Serverless.Dashboard.Tests;

/// <summary>
/// With <c>Dashboard:TraceLinkTemplate</c> set, an order's page links to its trace: the id the engine stored with the
/// order's instance, put into the template.
/// </summary>
[Trait(Tier.Trait, Tier.Browser)]
public sealed class DashboardTraceLinkTests(TraceLinkHostFixture fixture) : IClassFixture<TraceLinkHostFixture>
{
    [Fact]
    public async Task The_order_page_links_to_the_template_filled_with_the_trace_id_the_engine_stored()
    {
        var sku = $"SKU-trace-{Guid.NewGuid():N}"[..24];
        await fixture.StockAsync(sku);
        var orderId = await fixture.PlaceAsync("c-trace", sku, "tok_visa");
        var stored = await fixture.TraceIdAsync(orderId);
        fixture.UseKey(DashboardHostFixture.AdminKey);

        fixture.Browser.Open(fixture.Page($"dashboard/orders/{orderId}"));
        // Read at once: the page redraws its summary on every refresh.
        var link = fixture.Browser.Until(
            d =>
            {
                var a = d.FindElement(By.CssSelector("#summary a[data-trace-id]"));
                return new ShownLink(a.GetAttribute("data-trace-id"), a.Text, a.GetAttribute("href"));
            },
            "the order page shows its trace as a link");
        fixture.Browser.SaveScreenshot("order-trace-link");
        var violations = await fixture.Browser.ScanAccessibilityAsync();

        Assert.Matches("^[0-9a-f]{32}$", stored);
        Assert.NotEqual(new string('0', 32), stored);
        Assert.Equal(stored, link.Id);
        Assert.Equal(stored, link.Text);
        Assert.Equal(TraceLinkHostFixture.Template.Replace("{traceId}", stored, StringComparison.Ordinal), link.Href);
        Assert.DoesNotContain(violations, v => v.IsSerious);
    }

    private sealed record ShownLink(string? Id, string Text, string? Href);
}
