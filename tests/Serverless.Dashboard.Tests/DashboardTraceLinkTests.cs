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
        var stored = await fixture.OpenNewOrderAsync("trace");

        var link = fixture.ReadShownTrace();
        fixture.Browser.SaveScreenshot("order-trace-link");
        var violations = await fixture.Browser.ScanAccessibilityAsync();

        Assert.Matches("^[0-9a-f]{32}$", stored);
        Assert.NotEqual(new string('0', 32), stored);
        Assert.Equal(stored, link.Id);
        Assert.Equal(stored, link.Text);
        Assert.Equal("a", link.TagName);
        Assert.Equal(TraceLinkHostFixture.Template.Replace("{traceId}", stored, StringComparison.Ordinal), link.Href);
        Assert.DoesNotContain(violations, v => v.IsSerious);
    }
}
