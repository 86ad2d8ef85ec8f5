using System.Diagnostics;
using System.Globalization;
using System.Net;
using Serverless.Bench.Kit;

namespace Serverless.Bench.Throughput;

/// <summary>
/// One host process on a fresh data directory and a free loopback port, its working directory an empty folder (so no
/// local.settings.json is picked up), no inherited runtime knobs, storage connections or cloud credentials: the way a
/// new user starts it.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    /// <summary>
    /// The embedded store's file (functions/Serverless.Host: EmbeddedStorageServiceCollectionExtensions).
    /// </summary>
    public const string DatabaseFileName = "serverless.db";

    private readonly Process _process;
    private readonly BoundedLog _output;
    private readonly string _root;

    private HostProcess(Process process, string root, Uri baseUri)
    {
        _process = process;
        _output = ChildProcess.CaptureOutput(process);
        _root = root;
        BaseUri = baseUri;
    }

    /// <summary><c>http://127.0.0.1:PORT/api/</c>.</summary>
    public Uri BaseUri { get; }

    public int Id => _process.Id;

    public string DataDirectory => Path.Combine(_root, "data");

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);

    public string WalPath => DatabasePath + "-wal";

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host printed.</summary>
    public string Output => _output.ToString();

    public static HostProcess Start(
        Flavor flavor,
        string workDirectory,
        IReadOnlyDictionary<string,
        string> environment)
    {
        var port = FreePort.Next();
        var root = Path.Combine(
            workDirectory,
            "runs",
            $"{flavor.Name}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path.Combine(root, "data"));
        var start = HostStartInfo.Create(flavor.Executable, root, environment);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(Path.Combine(root, "data"));
        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, root, new Uri($"http://127.0.0.1:{port}/api/"));
        ChildProcess.StartReading(process);
        return host;
    }

    public async Task WaitHealthyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var health = new Uri(BaseUri, "health");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {_process.ExitCode} before it was " +
                    $"healthy:\n{Output}");
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
                // Not listening yet.
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Kills the host (SIGKILL) and deletes its folder.</summary>
    public void Dispose()
    {
        ChildProcess.Stop(_process);
        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
