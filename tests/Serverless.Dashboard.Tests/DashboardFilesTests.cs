using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Serverless.Dashboard.Tests.Support;

namespace Serverless.Dashboard.Tests;

/// <summary>
/// The dashboard's files as the host serves them: from the assembly, with their content types, a strict
/// Content-Security-Policy, revalidation by ETag, and pages that carry no inline script or style.
/// </summary>
public sealed partial class DashboardFilesTests : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public static TheoryData<string, string> Files => new()
    {
        { "dashboard", "text/html" },
        { "dashboard/", "text/html" },
        { "dashboard/orders/ord-123", "text/html" },
        { "dashboard/instances", "text/html" },
        { "dashboard/poison", "text/html" },
        { "dashboard/system", "text/html" },
        { "dashboard/assets/dashboard.css", "text/css" },
        { "dashboard/assets/orders.js", "text/javascript" },
        { "dashboard/assets/timeline.js", "text/javascript" },
        { "dashboard/assets/icon.svg", "image/svg+xml" },
    };

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_is_served_with_its_content_type_a_strict_policy_and_an_ETag(string path, string type)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_request_with_the_current_ETag_gets_304_without_a_body_and_a_stale_one_gets_the_file()
    {
        using var first = await _server.Client.GetAsync("dashboard/assets/orders.js");
        var etag = first.Headers.ETag!;

        using var current = new HttpRequestMessage(HttpMethod.Get, "dashboard/assets/orders.js");
        current.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _server.Client.SendAsync(current);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "dashboard/assets/orders.js");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));
        using var resent = await _server.Client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await resent.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_unknown_file_gets_a_404_problem_and_a_page_is_not_served_as_an_asset()
    {
        using var unknown = await _server.Client.GetAsync("dashboard/assets/nope.js");
        using var page = await _server.Client.GetAsync("dashboard/assets/index.html");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Pages_name_the_API_prefix_they_were_mapped_with()
    {
        await using var server = await DashboardServer.StartAsync("/v2/");

        var html = await server.Client.GetStringAsync("dashboard");

        Assert.Contains("<meta name=\"api-prefix\" content=\"v2\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void No_page_has_an_inline_script_an_event_handler_attribute_or_a_style_attribute()
    {
        var assets = new DashboardAssets("api");
        var pages = assets.Names.Where(n => n.EndsWith(".html", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, pages.Count);
        foreach (var page in pages)
        {
            var html = System.Text.Encoding.UTF8.GetString(assets.Find(page)!.Content.Span);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(HandlerAttribute(), html);
            Assert.DoesNotMatch(StyleAttribute(), html);
            Assert.Matches("<script type=\"module\" src=\"/dashboard/assets/[a-z]+\\.js\"></script>", html);
        }
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerAttribute();

    [GeneratedRegex("\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
