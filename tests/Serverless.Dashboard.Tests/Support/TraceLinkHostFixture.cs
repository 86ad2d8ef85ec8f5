namespace Serverless.Dashboard.Tests.Support;

/// <summary>
/// The dashboard's host and browser, with a trace viewer named by <c>Dashboard:TraceLinkTemplate</c>.
/// </summary>
public sealed class TraceLinkHostFixture : DashboardHostFixture
{
    /// <summary>
    /// A Jaeger-like address with a query, so the test sees the id put in its place and the rest kept.
    /// </summary>
    public const string Template = "http://traces.example:16686/trace/{traceId}?source=dashboard&x=1";

    protected override IEnumerable<string> Settings => [$"--Dashboard:TraceLinkTemplate={Template}"];
}
