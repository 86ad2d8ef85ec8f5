using System.Net;

namespace Serverless.Dashboard;

/// <summary>
/// The frame every page shares (<c>assets/layout.html</c>: head, navigation, key form), filled in once at start-up
/// with the page's title, module, content and current navigation link, so the pages stay static files under the strict
/// policy and the navigation works before any script runs.
/// </summary>
internal sealed class DashboardLayout(string layout, string apiPrefix, string? traceLinkTemplate)
{
    /// <summary>The layout's file under <c>assets/</c>; it is not served on its own.</summary>
    public const string File = "layout.html";

    /// <summary>The whole page of <paramref name="page"/> around <paramref name="content"/>.</summary>
    public string Compose(DashboardPage page, string content)
    {
        // The content (ours) first and the operator's template last, so no template text is taken for a placeholder.
        var html = layout
            .Replace("{{main}}", content.TrimEnd('\n'), StringComparison.Ordinal)
            .Replace("{{title}}", WebUtility.HtmlEncode(page.Title), StringComparison.Ordinal)
            .Replace("{{script}}", page.Script, StringComparison.Ordinal)
            .Replace("{{apiPrefix}}", apiPrefix, StringComparison.Ordinal);
        if (page.Nav is { } nav)
        {
            html = html.Replace($"<li><a href=\"{nav}\">", $"<li><a href=\"{nav}\" aria-current=\"page\">",
                StringComparison.Ordinal);
        }

        return html.Replace(
            "{{traceLink}}",
            WebUtility.HtmlEncode(traceLinkTemplate ?? string.Empty),
            StringComparison.Ordinal);
    }
}
