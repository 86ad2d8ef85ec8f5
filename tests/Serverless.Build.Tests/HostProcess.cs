using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Serverless.Build.Tests;

/// <summary>The published binary running on a free loopback port with a fresh data directory; killed on dispose.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    private HostProcess(string executable)
    {
        Port = FreePort();
        _dataDirectory = Path.Combine(Path.GetTempPath(), "serverless-build-tests", "data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var start = ChildProcess.StartInfo(executable, Path.GetDirectoryName(executable)!,
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", _dataDirectory);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => ChildProcess.Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => ChildProcess.Append(_output, e.Data);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static HostProcess Start(string executable)
    {
        var host = new HostProcess(executable);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>GET /api/health</c> until it answers 200, the process exits, or the timeout passes.</summary>
    public async Task<HttpStatusCode?> WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < timeout && !HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "api/health"));
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        return last;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
