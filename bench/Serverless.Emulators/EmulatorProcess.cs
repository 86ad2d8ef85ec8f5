using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Emulators;

/// <summary>
/// One emulator process for a test or bench run, in a temp working folder of its own: started, read until every
/// service it runs has printed the port it bound (it is asked for port 0), and ready once each port accepts a
/// connection. Its stdin stays open, so an emulator that watches it can exit with its parent. Disposing it kills the
/// process tree and deletes the folder.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _workingDirectory;
    private int _disposed;

    private EmulatorProcess(
        Process process,
        StringBuilder output,
        string workingDirectory,
        IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
        _output = output;
        _workingDirectory = workingDirectory;
        Ports = ports;
    }

    /// <summary>
    /// The port each service bound, by the <c>service</c> group of the listening line ("" without one).
    /// </summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    /// <summary>The emulator's process id (to read its CPU time from /proc).</summary>
    public int Id => _process.Id;

    /// <summary>The emulator's console output so far (for failure messages).</summary>
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
    /// Starts <paramref name="start"/> (its working folder, redirections and shell use are set here) and returns once
    /// <paramref name="services"/> lines matching <paramref name="listening"/> (a <c>port</c> group, and a
    /// <c>service</c> group when there are several) have named their ports and each accepts connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">It exited first, or did not get there within
    /// <paramref name="timeout"/>; the message holds its output.</exception>
    public static async Task<EmulatorProcess> StartAsync(
        string name,
        ProcessStartInfo start,
        Regex listening,
        int services,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var workingDirectory = Directory.CreateTempSubdirectory(name + "-").FullName;
        start.WorkingDirectory = workingDirectory;
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                if (listening.Match(line) is { Success: true } match)
                {
                    ports[match.Groups["service"].Value] =
                        int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == services)
                    {
                        allListening.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var exited = process.WaitForExitAsync(deadline.Token);
            if (await Task.WhenAny(allListening.Task, exited).ConfigureAwait(false) != allListening.Task)
            {
                await exited.ConfigureAwait(false);
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before listening.");
            }

            Dictionary<string, int> bound;
            lock (output)
            {
                bound = new Dictionary<string, int>(ports, StringComparer.Ordinal);
            }

            // "Listening" is printed once the socket is bound; the connect check makes "ready" mean "accepts".
            foreach (var port in bound.Values)
            {
                await WaitUntilAcceptingAsync(port, deadline.Token).ConfigureAwait(false);
            }

            return new EmulatorProcess(process, output, workingDirectory, bound);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            Stop(process);
            process.Dispose();
            TryDelete(workingDirectory);
            lock (output)
            {
                throw new InvalidOperationException(
                    $"{name} did not start within {timeout.TotalSeconds:0} s. Its output:\n{output}", e);
            }
        }
    }

    /// <summary>Kills the emulator (and anything it started) and waits for it to exit.</summary>
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
}
