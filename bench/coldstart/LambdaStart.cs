using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Bench.Kit;
using Serverless.LambdaRuntime;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// One cold start in Lambda mode: an HTTP API event for <c>GET /api/health</c> is queued at the bench's Runtime API
/// (bench/Serverless.LambdaRuntime), the host is started as <c>bootstrap</c> would be, and the time is taken from just
/// before exec until its answer (a 200) arrives: process start to the first invocation answered. Lambda mode runs on
/// DynamoDB and SQS, but answering health needs neither, so no emulator is started (the settings name a table). Each
/// run has a Runtime API of its own, as each Lambda environment has: a killed process's pending poll of a shared one
/// could take the next run's invocation.
/// </summary>
internal sealed class LambdaStart(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
{
    public async Task<RunSample> RunAsync(Flavor flavor, int round)
    {
        await using var runtime = await LambdaRuntimeEmulator.StartAsync();
        using var process = new Process { StartInfo = StartInfo(flavor, runtime) };
        var output = ChildProcess.CaptureOutput(process);
        var clock = Stopwatch.StartNew();
        try
        {
            var answer = runtime.InvokeAsync(HealthEvent(round), timeout);
            ChildProcess.StartReading(process);
            var result = await answer;
            var firstMs = clock.Elapsed.TotalMilliseconds;
            var status = result.IsError ? null : JsonNode.Parse(result.Body)?["statusCode"]?.GetValue<int>();
            if (status != 200)
            {
                throw new InvalidOperationException($"the first invocation answered {result.ErrorType} {result.Body}");
            }

            var rss = ProcStatus.PeakRssKiB(process.Id) / 1024.0;
            var cpu = ProcStatus.CpuMilliseconds(process.Id);
            return new RunSample(firstMs, double.NaN)
            {
                Name = flavor.Name,
                Round = round,
                PeakRssMiB = rss,
                CpuMs = cpu,
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or ObjectDisposedException)
        {
            return new RunSample(double.NaN, double.NaN)
            {
                Name = flavor.Name,
                Round = round,
                Failure = $"{ex.Message}{Environment.NewLine}--- host output (last lines) ---{Environment.NewLine}" +
                    output,
            };
        }
        finally
        {
            ChildProcess.Stop(process);
        }
    }

    private ProcessStartInfo StartInfo(Flavor flavor, LambdaRuntimeEmulator runtime)
    {
        var start = HostStartInfo.Create(flavor.Executable, flavor.Directory, environment.Concat(flavor.Environment));
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi;
        start.Environment["Serverless__Aws__TableName"] = "coldstart";
        start.Environment["Serverless__Aws__Region"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "bench";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        return start;
    }

    // API Gateway's HTTP API event (payload 2.0) for GET /api/health, with what the host reads.
    private static string HealthEvent(int round) => new JsonObject
    {
        ["version"] = "2.0",
        ["routeKey"] = "$default",
        ["rawPath"] = "/api/health",
        ["rawQueryString"] = "",
        ["headers"] = new JsonObject { ["host"] = "coldstart.lambda-url.us-east-1.on.aws" },
        ["requestContext"] = new JsonObject
        {
            ["requestId"] = $"coldstart-{round}",
            ["stage"] = "$default",
            ["http"] = new JsonObject { ["method"] = "GET", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1" },
        },
        ["isBase64Encoded"] = false,
    }.ToJsonString();
}
