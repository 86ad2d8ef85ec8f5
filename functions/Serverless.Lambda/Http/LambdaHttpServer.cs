using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Serverless.Lambda.Http;

/// <summary>
/// The ASP.NET Core server of Lambda mode: no socket; each HTTP API event is run through the application's pipeline in
/// process (<see cref="ProcessAsync"/>), so the same middleware and endpoints answer as behind Kestrel.
/// </summary>
public sealed class LambdaHttpServer : IServer
{
    private Func<HttpApiRequest, CancellationToken, Task<HttpApiResponse>>? _process;

    /// <inheritdoc />
    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <inheritdoc />
    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        _process = (request, aborted) => HttpApiExchange.RunAsync(application, request, aborted);
        return Task.CompletedTask;
    }

    /// <summary>Answers <paramref name="request"/>; <paramref name="requestAborted"/> is the request's abort.</summary>
    /// <exception cref="InvalidOperationException">The server has not been started.</exception>
    public Task<HttpApiResponse> ProcessAsync(HttpApiRequest request, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = _process ?? throw new InvalidOperationException("The Lambda HTTP server has not started.");
        return process(request, requestAborted);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
