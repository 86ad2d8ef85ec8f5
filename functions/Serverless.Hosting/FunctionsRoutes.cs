namespace Serverless.Hosting;

/// <summary>The route prefixes of the Azure Functions HTTP conventions.</summary>
public static class FunctionsRoutes
{
    /// <summary>Every HTTP function lives under this prefix (Azure Functions' default <c>routePrefix</c>).</summary>
    public const string ApiPrefix = "/api";

    /// <summary>Management webhooks (Durable Functions: <c>/runtime/webhooks/durabletask</c>); admin level unless marked otherwise.</summary>
    public const string WebhooksPrefix = "/runtime/webhooks";

    /// <summary>The health route, answered with <c>{"status":"Healthy"}</c> and no key.</summary>
    public const string HealthPath = ApiPrefix + "/health";
}
