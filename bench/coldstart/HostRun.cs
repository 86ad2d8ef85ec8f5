using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serverless.Bench.Kit;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// Starts one fresh host process (fresh data dir, free port) and times, from just before exec: the first 200 from
/// <c>GET /api/health</c>, then a whole order saga (PUT stock, POST order, poll GET until Confirmed); then reads the
/// process's peak RSS and CPU time and kills it.
/// </summary>
internal sealed class HostRun(
    HttpClient http,
    string workDirectory,
    IReadOnlyDictionary<string, string> environment,
    TimeSpan timeout,
    string? workingDirectory = null)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<RunSample> RunAsync(Flavor flavor, int round)
    {
        var port = FreePort.Next();
        var dataDir = Path.Combine(workDirectory, "data", $"{flavor.Name}-{round}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        using var process = new Process { StartInfo = StartInfo(flavor, port, dataDir) };
        var output = ChildProcess.CaptureOutput(process);
        using var deadline = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            ChildProcess.StartReading(process);
            var baseUri = new Uri($"http://127.0.0.1:{port}/api/");

            await WaitHealthyAsync(process, baseUri, deadline.Token);
            var healthMs = clock.Elapsed.TotalMilliseconds;

            var sagaMs = double.NaN;
            if (!flavor.HealthOnly)
            {
                await RunSagaAsync(process, baseUri, round, deadline.Token);
                sagaMs = clock.Elapsed.TotalMilliseconds;
            }

            var rss = ProcStatus.PeakRssKiB(process.Id) / 1024.0;
            var cpu = ProcStatus.CpuMilliseconds(process.Id);
            return new RunSample(healthMs, sagaMs) { Name = flavor.Name, Round = round, PeakRssMiB = rss, CpuMs = cpu };
        }
        catch (Exception ex) when (ex is HttpRequestException
            or OperationCanceledException
            or InvalidOperationException
            or IOException
            or JsonException)
        {
            var reason = deadline.IsCancellationRequested ? $"timed out after {timeout.TotalSeconds:0} s" : ex.Message;
            return new RunSample(double.NaN, double.NaN)
            {
                Name = flavor.Name,
                Round = round,
                Failure = $"{reason}{Environment.NewLine}--- host output (last lines) ---{Environment.NewLine}{output}",
            };
        }
        finally
        {
            ChildProcess.Stop(process);
            TryDelete(dataDir);
        }
    }

    private ProcessStartInfo StartInfo(Flavor flavor, int port, string dataDir)
    {
        var start = HostStartInfo.Create(
            flavor.Executable,
            workingDirectory ?? flavor.Directory,
            environment.Concat(flavor.Environment));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        return start;
    }

    private async Task WaitHealthyAsync(Process process, Uri baseUri, CancellationToken cancellationToken)
    {
        var health = new Uri(baseUri, "health");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode} before it was " +
                    $"healthy");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (connection refused): try again shortly.
            }

            // 1 ms between attempts: the resolution the table needs, without a busy loop stealing a core from the host.
            await Task.Delay(1, cancellationToken);
        }
    }

    private async Task RunSagaAsync(Process process, Uri baseUri, int round, CancellationToken cancellationToken)
    {
        var sku = $"SKU-{round}";
        using (var stock = Content("""{"quantity":10,"unitPrice":12.5}"""))
        using (var put = await http.PutAsync(new Uri(baseUri, $"inventory/{sku}"), stock, cancellationToken))
        {
            await EnsureAsync(put);
        }

        string orderId;
        var orderJson = $$$"""{"customerId":"c-1","items":[{"sku":"{{{sku}}}","quantity":2}],"payment":""" +
            """{"token":"tok_visa"}}""";
        using (var order = Content(orderJson))
        using (var post = await http.PostAsync(new Uri(baseUri, "orders"), order, cancellationToken))
        {
            await EnsureAsync(post, HttpStatusCode.Accepted);
            using var body = JsonDocument.Parse(await post.Content.ReadAsStringAsync(cancellationToken));
            orderId = body.RootElement.GetProperty("orderId").GetString()
                ?? throw new InvalidOperationException("POST /api/orders answered without an orderId");
        }

        var status = new Uri(baseUri, $"orders/{Uri.EscapeDataString(orderId)}");
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode} during the saga");
            }

            using (var get = await http.GetAsync(status, cancellationToken))
            {
                if (get.StatusCode == HttpStatusCode.OK)
                {
                    using var body = JsonDocument.Parse(await get.Content.ReadAsStringAsync(cancellationToken));
                    var state = body.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
                    if (state == "Confirmed")
                    {
                        return;
                    }

                    if (state is "Cancelled" or "Failed")
                    {
                        throw new InvalidOperationException($"order {orderId} ended {state}: {body.RootElement}");
                    }
                }
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private static StringContent Content(string json) => new(json, Encoding.UTF8, Json);

    // No expected codes: any 2xx.
    private static async Task EnsureAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (expected.Length == 0 ? !response.IsSuccessStatusCode : !expected.Contains(response.StatusCode))
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered " +
                    $"{(int)response.StatusCode}: {body}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover data dir skews nothing.
        }
    }
}
