using System.Text.RegularExpressions;
using Serverless.Dashboard.Tests.Support;

namespace Serverless.Dashboard.Tests;

/// <summary>
/// Every page is its own content in the one shared layout: the same header, navigation and key form, its own title,
/// module and current navigation link; the trace link template the host was started with, as each page carries it.
/// </summary>
public sealed partial class DashboardLayoutTests : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public static TheoryData<string, string, string, string?> Pages => new()
    {
        { "dashboard", "Orders", "orders.js", "/dashboard" },
        { "dashboard/orders/ord-123", "Order", "order.js", null },
        { "dashboard/instances", "Instances", "instances.js", "/dashboard/instances" },
        { "dashboard/poison", "Poison queues", "poison.js", "/dashboard/poison" },
        { "dashboard/system", "System", "system.js", "/dashboard/system" },
    };

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_has_the_shared_header_its_own_title_and_module_and_marks_its_own_link(
        string path, string title, string script, string? current)
    {
        var html = await _server.Client.GetStringAsync(path);

        Assert.Contains($"<title>{title} · Orders dashboard</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<script type=\"module\" src=\"/dashboard/assets/{script}\"></script>", html,
            StringComparison.Ordinal);
        Assert.Single(NavLink().Matches(html), m => m.Groups["href"].Value == "/dashboard/instances");
        Assert.Single(Regex.Matches(html, "<main id=\"main\">"));
        Assert.Single(Regex.Matches(html, "<form id=\"key-form\""));
        Assert.Single(Regex.Matches(html, "<h1>"));
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        var marked = NavLink().Matches(html)
            .Where(m => m.Groups["current"].Success)
            .Select(m => m.Groups["href"].Value);
        Assert.Equal(current is null ? [] : [current], marked);
    }

    [Fact]
    public async Task Without_a_template_the_pages_carry_an_empty_trace_link()
    {
        var html = await _server.Client.GetStringAsync("dashboard/orders/ord-1");

        Assert.Contains("<meta name=\"trace-link\" content=\"\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_carry_the_trace_link_template_encoded_as_an_attribute()
    {
        await using var server = await DashboardServer.StartAsync(
            options: new DashboardOptions { TraceLinkTemplate = "https://tempo.example/t/{traceId}?a=1&b=\"2\"" });

        var html = await server.Client.GetStringAsync("dashboard/orders/ord-1");

        Assert.Contains(
            "<meta name=\"trace-link\" content=\"https://tempo.example/t/{traceId}?a=1&amp;b=&quot;2&quot;\">",
            html,
            StringComparison.Ordinal);
    }

    [GeneratedRegex("<li><a href=\"(?<href>[^\"]+)\"(?<current> aria-current=\"page\")?>")]
    private static partial Regex NavLink();
}
