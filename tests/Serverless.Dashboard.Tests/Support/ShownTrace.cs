namespace Serverless.Dashboard.Tests.Support;

/// <summary>What an order's page shows of its trace: the element carrying <c>data-trace-id</c>.</summary>
/// <param name="Id">Its <c>data-trace-id</c>.</param>
/// <param name="Text">Its text.</param>
/// <param name="TagName">Its tag: <c>a</c> for a link, <c>code</c> for the id alone.</param>
/// <param name="Href">Its link, if any.</param>
/// <param name="Links">How many links the order's summary has.</param>
public sealed record ShownTrace(string? Id, string Text, string TagName, string? Href, int Links);
