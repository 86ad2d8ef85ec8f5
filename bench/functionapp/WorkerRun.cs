using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Serverless.Bench.Kit;

namespace Serverless.Bench.FunctionApp;

/// <summary>
/// Stands in for the Functions host: listens on a loopback port, starts the worker as the host does (the
/// <c>--functions-*</c> arguments of Microsoft.Azure.Functions.Worker 2.x), and times from just before exec until the
/// worker's connection is accepted and until its HTTP/2 preface (<c>PRI * HTTP/2.0</c>, the gRPC client) has arrived;
/// then reads the worker's peak RSS and CPU time and kills it.
/// </summary>
internal sealed class WorkerRun(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
{
    private static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    public async Task<WorkerSample> RunAsync(Flavor flavor, int round)
    {
        var (variant, directory) = (flavor.Name, flavor.Directory);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var process = new Process { StartInfo = StartInfo(directory, port) };
        var output = ChildProcess.CaptureOutput(process);
        using var deadline = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            ChildProcess.StartReading(process);
            var accept = listener.AcceptTcpClientAsync(deadline.Token).AsTask();
            var exited = process.WaitForExitAsync(deadline.Token);
            if (await Task.WhenAny(accept, exited) != accept)
            {
                await exited;
                throw new InvalidOperationException($"the worker exited with code {process.ExitCode} before it " +
                    "connected");
            }

            using var client = await accept;
            var connectMs = clock.Elapsed.TotalMilliseconds;
            await ReadPrefaceAsync(client.GetStream(), deadline.Token);
            var prefaceMs = clock.Elapsed.TotalMilliseconds;
            return new WorkerSample(connectMs, prefaceMs)
            {
                Name = variant,
                Round = round,
                PeakRssMiB = ProcStatus.PeakRssKiB(process.Id) / 1024.0,
                CpuMs = ProcStatus.CpuMilliseconds(process.Id),
            };
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException
            or SocketException)
        {
            var reason = deadline.IsCancellationRequested ? $"timed out after {timeout.TotalSeconds:0} s" : ex.Message;
            return WorkerSample.Failed(variant, round,
                $"{reason}{Environment.NewLine}--- worker output (last lines) ---{Environment.NewLine}{output}");
        }
        finally
        {
            ChildProcess.Stop(process);
        }
    }

    private ProcessStartInfo StartInfo(string directory, int port)
    {
        var command = WorkerCommand.Read(directory);
        var start = new ProcessStartInfo(command.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The host starts the worker in the app's folder.
            WorkingDirectory = directory,
        };
        var id = Guid.NewGuid().ToString();
        string[] arguments =
        [
            .. command.Arguments,
            "--functions-uri", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/",
            "--functions-worker-id", id,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        // Every variant sees the same settings: none inherited from the shell, the host's own and those of --env.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (IsDropped(name))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in HostEnvironment(directory).Concat(environment))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>
    /// What the host (or the app settings) gives every worker. The storage connection is only parsed at start-up
    /// (no request leaves the machine before the host connection); the emulator's is a harmless, well-formed value.
    /// </summary>
    private static Dictionary<string, string> HostEnvironment(string directory) => new(StringComparer.Ordinal)
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        ["FUNCTIONS_APPLICATION_DIRECTORY"] = directory,
        ["FUNCTIONS_WORKER_DIRECTORY"] = directory,
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
    };

    private static bool IsDropped(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) && name != "DOTNET_ROOT")
        || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AZURE_FUNCTIONS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("FUNCTIONS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase);

    private static async Task ReadPrefaceAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[Preface.Length];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        if (!buffer.AsSpan().SequenceEqual(Preface))
        {
            throw new InvalidOperationException("the connection did not start with the HTTP/2 preface: " +
                Encoding.ASCII.GetString(buffer));
        }
    }
}
