using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Hosting.Catalog;

namespace Serverless.Hosting;

/// <summary>
/// Once the server listens, fails the start when two functions share a name, and lists every function the way Azure
/// Functions Core Tools does (<c>CreateOrder: [POST] http://127.0.0.1:7071/api/orders</c>).
/// </summary>
internal sealed class FunctionsStartupService(
    FunctionCatalog catalog,
    FunctionsHostEnvironment environment,
    IOptions<FunctionsHostOptions> options,
    IServer server,
    ILoggerFactory loggerFactory) : IHostedLifecycleService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Serverless.Hosting");

    // The web app's endpoints are known only once the server has built its pipeline, so everything happens in
    // StartedAsync.
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        catalog.Validate();
        LogFunctions();
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogFunctions()
    {
        // In Lambda mode there is no address: routes are logged as paths.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
            ?? (environment.ListenEndpoint is { } endpoint ? $"http://{endpoint}" : "");
        _logger.HostStarted(environment.Mode, address.Length > 0 ? address : "the Lambda Runtime API");

        var keys = options.Value;
        if (string.IsNullOrEmpty(keys.FunctionKey) && string.IsNullOrEmpty(keys.AdminKey))
        {
            _logger.KeysOff();
        }
        else
        {
            _logger.KeysOn();
            if (string.IsNullOrEmpty(keys.AdminKey))
            {
                _logger.AdminKeyMissing();
            }
        }

        var http = catalog.HttpFunctions;
        var queues = catalog.QueueFunctions;
        _logger.FunctionCount(http.Count, queues.Count);
        foreach (var function in http)
        {
            var methods = function.Methods.Count == 0 ? "*" : string.Join(',', function.Methods);
            _logger.HttpFunction(function.Name, methods, address + function.Route);
        }

        foreach (var function in queues)
        {
            _logger.QueueFunction(function.Name, function.QueueName);
        }
    }
}
