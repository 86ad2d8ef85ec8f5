using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Xunit.Sdk;

namespace Serverless.Testing;

/// <summary>
/// The real host (<c>dotnet Serverless.Host.dll --port N --data-dir DIR ...</c>) as a separate OS process, with its
/// stdout and stderr captured for failure messages. It can be killed (SIGKILL, no shutdown) and restarted on the same
/// data directory and port. Disposing kills the whole process tree and deletes the directory (unless
/// <c>SERVERLESS_KEEP_TEST_DATA=1</c>). <see cref="Start(string)"/> runs a published executable without waiting, for a
/// test that checks the start itself (<see cref="WaitHealthyAsync"/>).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private const int MaxLogLines = 20_000;
    private static readonly string[] ScrubbedPrefixes = [
        "Serverless__",
        "Orders__",
        "Durable__",
        "Logging__",
        "ASPNETCORE_",
        "DOTNET_URLS",
        "AzureWebJobsStorage__",
        "AWS_"];
    private static readonly string[] ScrubbedVariables = [
        "FUNCTIONS_CUSTOMHANDLER_PORT",
        "PORT",
        "AzureWebJobsStorage"];

    private readonly string _name;
    private readonly HostLaunch _launch;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _root;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _process;
    private int _run;

    private HostProcess(HostLaunch launch, string name, IReadOnlyList<string> arguments)
    {
        _launch = launch;
        _name = name;
        _arguments = arguments;
        _root = Path.Combine(Path.GetTempPath(), "serverless-host-tests", $"{name}-{Guid.NewGuid():N}");
        DataDirectory = Path.Combine(_root, "data");
        WorkingDirectory = launch.WorkingDirectory ?? Path.Combine(_root, "cwd");
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(WorkingDirectory);
    }

    /// <summary>The embedded storage directory passed with <c>--data-dir</c>; it survives kills and restarts.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// The process's working directory (its content root): empty, so no stray <c>local.settings.json</c> is read,
    /// unless the launch names one.
    /// </summary>
    public string WorkingDirectory { get; }

    public int Port { get; private set; }

    /// <summary>
    /// The storage connection the host was given (<c>AzureWebJobsStorage</c>), or <see langword="null"/> for SQLite.
    /// </summary>
    public string? StorageConnectionString => _launch.StorageConnectionString;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many times a process was started (1 after the first start, 3 after two restarts).</summary>
    public int Runs => _run;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Whether the current run's process has exited (false before the first start).</summary>
    public bool HasExited => _process is { HasExited: true };

    /// <summary>Everything the host wrote so far (both streams, all runs), for a failure message.</summary>
    public string Output => Tail(int.MaxValue);

    /// <summary>The operating system's id of the current run's process.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The host was never started.");

    /// <summary>
    /// Sends <paramref name="signal"/> (e.g. <c>STOP</c>, <c>CONT</c>) to the process with <c>kill</c>.
    /// </summary>
    public async Task SignalAsync(string signal)
    {
        Note($"sending SIG{signal} to pid {ProcessId}");
        using var kill = Process.Start(
            "kill",
            ["-" + signal, ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw Failure($"kill -{signal} {ProcessId} exited with {kill.ExitCode}.");
        }
    }

    /// <summary>
    /// Starts a host with the given extra arguments (e.g. <c>--Orders:ApprovalTimeout=00:00:03</c>) and waits until it
    /// is healthy.
    /// </summary>
    public static Task<HostProcess> StartAsync(string name, params string[] arguments) =>
        StartAsync(new HostLaunch(), name, arguments);

    /// <summary>
    /// Starts a host the way <paramref name="launch"/> says, with the given extra arguments, and waits until it is
    /// healthy.
    /// </summary>
    public static async Task<HostProcess> StartAsync(HostLaunch launch, string name, params string[] arguments)
    {
        var host = new HostProcess(launch, name, arguments);
        launch.Seed?.Invoke(host.DataDirectory);
        try
        {
            await host.StartProcessAsync(FreePort.Next());
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the published <paramref name="executable"/> (in its own folder) on a free port without waiting for it:
    /// the caller checks the start with <see cref="WaitHealthyAsync"/>.
    /// </summary>
    public static HostProcess Start(string executable) =>
        Start(
            new HostLaunch(executable, WorkingDirectory: Path.GetDirectoryName(executable)),
            Path.GetFileName(executable));

    /// <summary>
    /// Starts a host the way <paramref name="launch"/> says without waiting for it: for a start the caller checks
    /// itself, or a host in Lambda mode, which answers a Runtime API rather than HTTP.
    /// </summary>
    public static HostProcess Start(HostLaunch launch, string name)
    {
        var host = new HostProcess(launch, name, []);
        launch.Seed?.Invoke(host.DataDirectory);
        host.Relaunch();
        return host;
    }

    /// <summary>Starts the process (again, once it has exited) without waiting for it to answer.</summary>
    public void Relaunch()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Stop or kill the host before starting it again.");
        }

        Port = Port == 0 ? FreePort.Next() : Port;
        _process = Launch(Interlocked.Increment(ref _run));
    }

    /// <summary>
    /// Polls <c>GET /api/health</c> until it answers 200, the process exits, or <paramref name="timeout"/> passes;
    /// returns the last answer's status (null if none came).
    /// </summary>
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

    /// <summary>
    /// Kills the process at once with SIGKILL (no graceful shutdown, in-flight requests and work are cut off).
    /// </summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The host was never started.");
        Note($"killing pid {process.Id} with SIGKILL");
        process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>
    /// Asks the process to stop with SIGTERM, as a container runtime or <c>Ctrl+C</c> does, and returns its exit code
    /// once it has exited; fails if it has not exited by <paramref name="deadline"/>.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan deadline)
    {
        var process = _process ?? throw new InvalidOperationException("The host was never started.");
        Note($"stopping pid {process.Id} with SIGTERM");
        using (var kill = Process.Start(
            "kill",
            ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw Failure($"The host did not exit within {deadline} of SIGTERM.");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Starts the host again on the same data directory (and port, while it is free); waits until it is healthy.
    /// </summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Stop or kill the host before restarting it.");
        }

        await StartProcessAsync(Port);
    }

    /// <summary>The last <paramref name="lines"/> lines the host wrote (both streams, all runs).</summary>
    public string Tail(int lines = 120)
    {
        var all = _log.ToArray();
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>An assertion failure carrying <paramref name="message"/> and the end of the host's output.</summary>
    public XunitException Failure(string message) =>
        new($"{message}\n--- host '{_name}' (data {DataDirectory}, run {_run}, " +
            $"{(IsRunning ? "running" : "not running")}), last output lines ---\n{Tail()}");

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        _probe.Dispose();
        if (Environment.GetEnvironmentVariable("SERVERLESS_KEEP_TEST_DATA") != "1")
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private async Task StartProcessAsync(int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = port;
            var run = Interlocked.Increment(ref _run);
            var process = Launch(run);
            _process = process;
            var outcome = await WaitUntilHealthyAsync(process);
            if (outcome is null)
            {
                Note($"healthy on {BaseAddress} (pid {process.Id})");
                return;
            }

            if (process.HasExited
                && attempt < 3
                && Tail(40).Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Someone took the port between the probe (or the previous run) and the bind: try another one.
                port = FreePort.Next();
                continue;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw Failure(outcome);
        }
    }

    private Process Launch(int run)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Serverless.Host.dll");
        if (_launch.Executable is null
            && (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"))))
        {
            throw new InvalidOperationException($"Serverless.Host.dll (and its runtimeconfig) must be next to the " +
                $"tests, in {AppContext.BaseDirectory}; the project reference copies it there.");
        }

        var start = new ProcessStartInfo(_launch.Executable ?? DotnetPath())
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (_launch.Executable is null)
        {
            start.ArgumentList.Add(dll);
        }

        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(DataDirectory);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (ScrubbedVariables.Contains(key, StringComparer.OrdinalIgnoreCase)
                || ScrubbedPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                || ChildProcess.IsTestRunSetting(key))
            {
                start.Environment.Remove(key);
            }
        }

        // Admission control off unless a test turns it on: a burst of orders on a cold host, JIT-compiling on two
        // cores shared with the test run, would be refused, and the tests of everything else are not about overload.
        start.Environment["Serverless__Admission__Enabled"] = "false";
        foreach (var (key, value) in _launch.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(run, e.Data);
        process.ErrorDataReceived += (_, e) => Append(run, e.Data is null ? null : "stderr: " + e.Data);
        Note($"starting: {start.FileName} {string.Join(' ', start.ArgumentList)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Null once <c>GET /api/health</c> answers 200; otherwise why not.</summary>
    private async Task<string?> WaitUntilHealthyAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        var health = new Uri(BaseAddress, "api/health");
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                return $"The host exited with code {process.ExitCode} before it was healthy.";
            }

            try
            {
                using var response = await _probe.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return null;
                }

                last = $"GET /api/health answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "GET /api/health timed out";
            }

            await Task.Delay(100);
        }

        return $"The host was not healthy within {StartDeadline} ({last}).";
    }

    private void Append(int run, string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue($"[{run}] {line}");
        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }

    private void Note(string message) => _log.Enqueue($"[test] {DateTime.UtcNow:HH:mm:ss.fff} {message}");

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path
            && File.Exists(path) ? path : "dotnet";
}
