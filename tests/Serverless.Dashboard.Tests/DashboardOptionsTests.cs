namespace Serverless.Dashboard.Tests;

/// <summary>The trace link template is an absolute http(s) URL with <c>{traceId}</c>, or unset.</summary>
public sealed class DashboardOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://localhost:16686/trace/{traceId}")]
    [InlineData("https://grafana.example/explore?traceId={traceId}&orgId=1")]
    public void A_template_that_is_unset_or_an_absolute_http_URL_with_the_placeholder_is_accepted(string? template) =>
        new DashboardOptions { TraceLinkTemplate = template }.Validate();

    [Theory]
    [InlineData("/trace/{traceId}")]
    [InlineData("ftp://traces.example/{traceId}")]
    [InlineData("javascript:alert('{traceId}')")]
    [InlineData("http://localhost:16686/trace/")]
    [InlineData("http://localhost:16686/trace/{traceid}")]
    public void Any_other_template_is_refused_in_one_line_naming_the_setting(string template)
    {
        var error = Assert.Throws<ArgumentException>(() => new DashboardOptions { TraceLinkTemplate = template }
            .Validate());

        Assert.Contains("Dashboard:TraceLinkTemplate", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
