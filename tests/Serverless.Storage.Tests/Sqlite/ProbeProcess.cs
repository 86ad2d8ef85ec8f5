using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Threading.Channels;

namespace Serverless.Storage.Tests.Sqlite;

/// <summary>
/// One running Serverless.Storage.Sqlite.ProcessProbe: a separate OS process on the same database file. Its standard
/// output arrives line by line; every wait has a deadline, and a probe still running on dispose is killed.
/// </summary>
internal sealed class ProbeProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _output = [];
    private readonly StringBuilder _errors = new();

    private ProbeProcess(Process process) => _process = process;

    /// <summary>Every line read so far.</summary>
    public IReadOnlyList<string> Output => _output;

    public static ProbeProcess Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ProbePath());
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var probe = new ProbeProcess(new Process { StartInfo = startInfo });
        probe._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                probe._lines.Writer.TryWrite(line);
            }
            else
            {
                probe._lines.Writer.TryComplete();
            }
        };
        probe._process.ErrorDataReceived += (_, e) =>
        {
            lock (probe._errors)
            {
                probe._errors.AppendLine(e.Data);
            }
        };
        probe._process.Start();
        probe._process.BeginOutputReadLine();
        probe._process.BeginErrorReadLine();
        return probe;
    }

    /// <summary>Reads lines until one equals <paramref name="expected"/>.</summary>
    public async Task WaitForLineAsync(string expected, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(deadline.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _output.Add(line);
                    if (line == expected)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The probe did not print '{expected}' in time. {Describe()}");
        }

        throw new InvalidOperationException($"The probe ended without printing '{expected}'. {Describe()}");
    }

    /// <summary>Reads every line until the probe exits and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(deadline.Token))
            {
                _output.Add(line);
            }

            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The probe did not exit in time. {Describe()}");
        }
    }

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Kills the probe at once (SIGKILL on Unix): no finally blocks, no flushing, no clean close of the database.
    /// </summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string Describe()
    {
        lock (_errors)
        {
            return $"Output: [{string.Join(" | ", _output.TakeLast(10))}] Errors: [{_errors.ToString().Trim()}]";
        }
    }

    private static string ProbePath()
    {
        var path = typeof(ProbeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProcessProbePath").Value;
        return File.Exists(path) ? path : throw new FileNotFoundException("The process probe was not built.", path);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } current
                && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
}
