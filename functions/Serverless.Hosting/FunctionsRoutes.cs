namespace Serverless.Hosting;

/// <summary>
/// The prefix of the Functions host's own routes (HTTP functions: <see cref="Serverless.Http.FunctionsRoutePrefix"/>).
/// </summary>
public static class FunctionsRoutes
{
    /// <summary>
    /// Management webhooks (Durable Functions: <c>/runtime/webhooks/durabletask</c>); admin level unless marked
    /// otherwise.
    /// </summary>
    public const string WebhooksPrefix = "/runtime/webhooks";
}
