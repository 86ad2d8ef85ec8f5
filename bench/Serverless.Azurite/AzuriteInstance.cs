using System.Diagnostics;
using System.Net.Sockets;

namespace Serverless.Azurite;

/// <summary>
/// One private Azurite process for a test or bench run: blob, queue and table services on free loopback ports, data in
/// memory only. Start it with <see cref="StartAsync"/>; disposing it kills the process tree. Azurite also exits by
/// itself when the process that started it ends, so a crashed test run leaves nothing behind.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>The development account every Azurite serves.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's well-known key (public: documented with Azurite, not a secret).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// A request header that sets Azurite's clock: milliseconds since 1970 (UTC) stop it at that instant for this and
    /// later requests, <c>real</c> lets it run again. For tests that drive storage time with a fake clock; an Azurite
    /// that never receives it runs on real time.
    /// </summary>
    public const string TestClockHeader = "x-azurite-test-clock";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly AzuriteOutput _output;
    private readonly string _workingDirectory;
    private int _disposed;

    private AzuriteInstance(Process process, AzuriteOutput output, string workingDirectory, AzuritePorts ports)
    {
        _process = process;
        _output = output;
        _workingDirectory = workingDirectory;
        BlobEndpoint = Endpoint(ports.Blob);
        QueueEndpoint = Endpoint(ports.Queue);
        TableEndpoint = Endpoint(ports.Table);
    }

    /// <summary>
    /// The blob service of <see cref="AccountName"/>, e.g. <c>http://127.0.0.1:41234/devstoreaccount1</c>.
    /// </summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The queue service of <see cref="AccountName"/>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The table service of <see cref="AccountName"/>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>
    /// A storage connection string with explicit endpoints and the development key, usable as
    /// <c>AzureWebJobsStorage</c> and by every Azure Storage client.
    /// </summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Azurite's console output so far (for failure messages).</summary>
    public string Output => _output.Text;

    /// <summary>
    /// Installs Azurite if this project's node_modules lacks it (<c>npm ci</c>, once across parallel test processes),
    /// starts it and returns when all three services accept connections.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var entryPoint = await AzuriteInstall.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var workingDirectory = Directory.CreateTempSubdirectory("azurite-").FullName;
        var output = new AzuriteOutput();
        var process = new Process { StartInfo = StartInfo(entryPoint, workingDirectory) };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(StartTimeout);
            var ports = await output.PortsAsync(process, deadline.Token).ConfigureAwait(false);
            await WaitUntilAcceptingAsync([ports.Blob, ports.Queue, ports.Table], deadline.Token).ConfigureAwait(false);
            return new AzuriteInstance(process, output, workingDirectory, ports);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            Stop(process);
            process.Dispose();
            TryDelete(workingDirectory);
            throw new InvalidOperationException(
                $"Azurite did not start within {StartTimeout.TotalSeconds:0} s. Its output:\n{output.Text}", e);
        }
    }

    /// <summary>Kills Azurite (and anything it started) and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Stop(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        TryDelete(_workingDirectory);
    }

    private static ProcessStartInfo StartInfo(string entryPoint, string workingDirectory)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "--require", Path.Combine(AppContext.BaseDirectory, "exit-with-parent.cjs"),
            "--require", Path.Combine(AppContext.BaseDirectory, "test-clock.cjs"),
            entryPoint,
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
            "--inMemoryPersistence", "--extentMemoryLimit", "512",
            "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    // Azurite prints "listening" once the socket is bound; the connect check makes "ready" mean "accepts".
    private static async Task WaitUntilAcceptingAsync(int[] ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temp folder is harmless.
        }
    }

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port}/{AccountName}");
}
