using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Lambda.Http;
using Serverless.Lambda.Runtime;

namespace Serverless.Lambda;

/// <summary>Registers Lambda mode: the in-process HTTP server and the Runtime API loop.</summary>
public static class LambdaServiceCollectionExtensions
{
    /// <summary>
    /// Makes the <see cref="LambdaHttpServer"/> the application's server (register no other) and runs the
    /// <see cref="LambdaRuntimeLoop"/> against the Runtime API at <paramref name="runtimeApi"/> (<c>host:port</c>, from
    /// <c>AWS_LAMBDA_RUNTIME_API</c>). The host registers an <see cref="Sqs.ISqsBatchHandler"/> and an
    /// <see cref="Timers.ILambdaTimers"/>.
    /// </summary>
    public static IServiceCollection AddLambdaRuntime(this IServiceCollection services, string runtimeApi)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<LambdaHttpServer>();
        services.AddSingleton<IServer>(static sp => sp.GetRequiredService<LambdaHttpServer>());
        services.AddSingleton(new RuntimeApiClient(runtimeApi));
        services.AddSingleton<InvocationDispatcher>();
        services.AddHostedService<LambdaRuntimeLoop>();
        return services;
    }
}
