using System.Diagnostics;

namespace Serverless.Testing.Browser;

/// <summary>
/// Headless Chromium and its driver from the Debian packages (<c>chromium</c>, <c>chromium-driver</c>), installed with
/// apt-get on first use when missing, so a fresh machine (root, .NET and Node only) needs no manual step. A file lock
/// serializes test processes that start at the same moment. Playwright's and Selenium Manager's own browser downloads
/// cannot be used: only the package registries are reachable.
/// </summary>
public static class ChromiumInstall
{
    /// <summary>The browser the Debian package installs.</summary>
    public const string Browser = "/usr/bin/chromium";

    /// <summary>The driver the Debian package installs.</summary>
    public const string Driver = "/usr/bin/chromedriver";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    private static bool Installed => File.Exists(Browser) && File.Exists(Driver);

    /// <summary>Returns once both are installed, installing them first if needed.</summary>
    public static async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (Installed)
        {
            return;
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(InstallTimeout);
            var lockPath = Path.Combine(Path.GetTempPath(), "serverless-tests-chromium-install.lock");
            using var fileLock = await AcquireAsync(lockPath, deadline.Token);
            if (!Installed)
            {
                // Without a fresh package list a new machine may not know the packages (or an old version's files).
                await AptGetAsync(deadline.Token, "update");
                await AptGetAsync(
                    deadline.Token,
                    "install",
                    "-y",
                    "--no-install-recommends",
                    "chromium",
                    "chromium-driver");
            }
        }
        finally
        {
            InProcess.Release();
        }

        if (!Installed)
        {
            throw new InvalidOperationException($"apt-get installed chromium and chromium-driver, yet {Browser} or " +
                $"{Driver} is missing.");
        }
    }

    private static async Task AptGetAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("apt-get")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var result = await ChildProcess.RunAsync(start, InstallTimeout).WaitAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"apt-get {string.Join(' ', arguments)} exited with {result.ExitCode} (the browser tests install " +
                $"Chromium as root):\n{result.Tail()}");
        }
    }

    private static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }
}
