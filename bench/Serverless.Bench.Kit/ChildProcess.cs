using System.Diagnostics;

namespace Serverless.Bench.Kit;

/// <summary>Starting, timing and stopping the processes a bench measures.</summary>
public static class ChildProcess
{
    /// <summary>The floor: exec of a trivial native process until it has exited, in milliseconds.</summary>
    public static double TimeTrivialProcess(string path)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(path) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"{path} did not start.");
        process.WaitForExit();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Kills the process tree (SIGKILL) and waits for it; a process never started is left alone.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
    }

    /// <summary>Keeps the last lines the process prints (stdout and stderr) once it is started.</summary>
    public static BoundedLog CaptureOutput(Process process)
    {
        var output = new BoundedLog();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        return output;
    }

    /// <summary>Starts the process and begins reading its redirected stdout and stderr.</summary>
    public static void StartReading(Process process)
    {
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }
}
