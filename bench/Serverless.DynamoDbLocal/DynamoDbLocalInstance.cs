using System.Diagnostics;
using System.Text.RegularExpressions;
using Serverless.Emulators;

namespace Serverless.DynamoDbLocal;

/// <summary>
/// One private DynamoDB Local for a test or bench run: in memory only, bound to 127.0.0.1 on a port the system picks
/// (its own launcher binds every interface: LoopbackDynamoDbLocal.java starts it instead). Start it with
/// <see cref="StartAsync"/>; disposing it kills the process. It also exits by itself when the process that started it
/// ends (its stdin closes), so a crashed test run leaves nothing behind.
/// </summary>
public sealed partial class DynamoDbLocalInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly EmulatorProcess _process;

    private DynamoDbLocalInstance(EmulatorProcess process)
    {
        _process = process;
        ServiceUrl = new Uri($"http://127.0.0.1:{process.Ports[""]}");
    }

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>DynamoDB Local's console output so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Installs DynamoDB Local if this project's node_modules lacks it (<c>npm ci</c>, once across parallel test
    /// processes), starts it and returns once it accepts connections.
    /// </summary>
    public static async Task<DynamoDbLocalInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var jars = await DynamoDbLocalInstall.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return new DynamoDbLocalInstance(await EmulatorProcess.StartAsync(
            "DynamoDB Local", StartInfo(jars), ListeningLine(), services: 1, StartTimeout, cancellationToken)
            .ConfigureAwait(false));
    }

    /// <summary>Kills DynamoDB Local and waits for it to exit.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ProcessStartInfo StartInfo(string jars)
    {
        var start = new ProcessStartInfo("java");
        var libraries = Path.Combine(jars, "DynamoDBLocal_lib");
        string[] arguments =
        [
            "-Djava.library.path=" + libraries,
            "-cp", Path.Combine(jars, "DynamoDBLocal.jar") + Path.PathSeparator + Path.Combine(libraries, "*"),
            Path.Combine(AppContext.BaseDirectory, "LoopbackDynamoDbLocal.java"),
            "-inMemory", "-disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    [GeneratedRegex(@"^DynamoDB Local listening on 127\.0\.0\.1:(?<port>\d+)$")]
    private static partial Regex ListeningLine();
}
