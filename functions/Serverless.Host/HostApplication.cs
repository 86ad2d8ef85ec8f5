using Serverless.Dashboard;
using Serverless.Durable;
using Serverless.Host.Deploy;
using Serverless.Host.Lambda;
using Serverless.Host.Management;
using Serverless.Durable.Engine;
using Serverless.Host.Workers;
using Serverless.Hosting;
using Serverless.Hosting.Http.Admission;
using Serverless.Hosting.Lifecycle;
using Serverless.Hosting.Queues;
using Serverless.Http;
using Serverless.Hosting.Telemetry;
using Serverless.Orders;
using Serverless.Orders.Fulfilment;
using Serverless.Orders.Saga;
using Serverless.Storage.Diagnostics;

namespace Serverless.Host;

/// <summary>The order function host: its services, its request pipeline and its routes, ready to run.</summary>
internal static class HostApplication
{
    /// <summary>Runs the host until it is stopped; returns the process's exit code.</summary>
    public static int Run(string[] args)
    {
        // Behind HostFeatures.Aws, as all of Lambda mode: the Runtime API's HTTP client alone is megabytes of AOT code.
        if (ReplayCheckCommand.IsInvoked(args))
        {
            var (taskHub, hostArgs) = ReplayCheckCommand.Parse(args[1..]);
            return FunctionsHostRunner.RunCommand(hostArgs, static hostArgs => Create(hostArgs),
                (services, cancellation) => ReplayCheckCommand.RunAsync(services, taskHub, cancellation));
        }

        var runtimeApi = Environment.GetEnvironmentVariable(HostingModeDetector.AwsLambdaRuntimeApiKey);
        return FunctionsHostRunner.Run(
            args,
            static hostArgs => Create(hostArgs),
            HostFeatures.Aws && !string.IsNullOrWhiteSpace(runtimeApi)
                ? line => LambdaInit.ReportFailure(runtimeApi, line)
                : null);
    }

    /// <summary>
    /// Composes the host from the command line; see <see cref="LocalFunctionsHost.CreateBuilder"/> for the content
    /// root.
    /// </summary>
    public static WebApplication Create(string[] args, string? contentRoot = null)
    {
        var builder = LocalFunctionsHost.CreateBuilder(args, contentRoot);
        var configuration = builder.Configuration;

        // OTLP export of every mode, off unless an OTEL_EXPORTER_OTLP_*ENDPOINT is set (docs/observability.md). Each
        // project's meter is named as its source is.
        builder.AddOpenTelemetryExport(
            [DurableDiagnostics.SourceName, OrdersDiagnostics.SourceName],
            [OrdersDiagnostics.SourceName, DurableDiagnostics.SourceName, StorageRequestCounter.MeterName]);

        // The function set, composed once (Orders); this host adds its storage, its engine, FulfilOrder's queue, the
        // triggers of its mode (in-process pollers and background loops, or Lambda's events) and management.
        var mode = HostingModeDetector.Detect(configuration);
        builder.Services
            .AddHostStorage(configuration, mode)
            .AddHostEvents(configuration)
            .AddOrders(configuration)
            .AddDurableTask(OrderSaga.Register, OrderSaga.Payloads, OrderSaga.ActivityQueues, options =>
                configuration.GetSection("Durable").Bind(options))
            .AddQueueFunction(
                FulfilmentService.FunctionName,
                FulfilmentService.QueueName,
                static async (services, message, cancellationToken) =>
            {
                if (await services.GetRequiredService<FulfilmentService>().FulfilAndCompleteAsync(
                    message.Body,
                    message.Completion,
                    cancellationToken).ConfigureAwait(false))
                {
                    message.MarkCompleted();
                }
            })
            .AddDurableManagementApi()
            .AddQueueManagementApi()
            .AddSingleton<IWorkBacklog>(static services =>
                new EngineWorkBacklog(services.GetRequiredService<DurableTaskEngine>()));

        // HostFeatures.Aws: a build without AWS stops in AddHostStorage, and the trimmer drops Lambda mode with it.
        if (mode == HostingMode.Lambda && HostFeatures.Aws)
        {
            builder.Services.AddLambdaTriggers(configuration[HostingModeDetector.AwsLambdaRuntimeApiKey]!);
        }
        else
        {
            builder.Services.AddEngineQueueService().AddDurableTaskRetention().AddOrderReconciliation();
        }

        // Only the server on the path to the first response: storage, the worker lease, the pollers and the sweeps
        // are built and started once it listens (a request that needs storage opens it where it uses it).
        builder.Services.StartHostedServicesOnceListening();
        var app = builder.Build();
        HostSettings.ReadAll(app.Services);
        var dashboard = HostSettings.ReadDashboard(app.Configuration);
        app.UseFunctionsHost();
        app.MapFunctionsApi().MapOrdersApi();
        app.MapDurableManagementApi();
        app.MapQueueManagementApi();
        app.MapRatesApi();
        app.MapDashboard(FunctionsRoutePrefix.Read(app.Configuration), dashboard);
        return app;
    }
}
