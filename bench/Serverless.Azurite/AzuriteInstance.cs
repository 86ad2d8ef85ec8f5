using System.Diagnostics;
using System.Text.RegularExpressions;
using Serverless.Emulators;

namespace Serverless.Azurite;

/// <summary>
/// One private Azurite process for a test or bench run: blob, queue and table services on free loopback ports, data in
/// memory only. Start it with <see cref="StartAsync"/>; disposing it kills the process tree. Azurite also exits by
/// itself when the process that started it ends, so a crashed test run leaves nothing behind.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    /// <summary>The development account every Azurite serves.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's well-known key (public: documented with Azurite, not a secret).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// A request header that sets Azurite's clock: milliseconds since 1970 (UTC) stop it at that instant for this and
    /// later requests, <c>real</c> lets it run again. For tests that drive storage time with a fake clock; an Azurite
    /// that never receives it runs on real time.
    /// </summary>
    public const string TestClockHeader = "x-azurite-test-clock";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly EmulatorProcess _process;

    private AzuriteInstance(EmulatorProcess process)
    {
        _process = process;
        BlobEndpoint = Endpoint(process.Ports["Blob"]);
        QueueEndpoint = Endpoint(process.Ports["Queue"]);
        TableEndpoint = Endpoint(process.Ports["Table"]);
    }

    /// <summary>
    /// The blob service of <see cref="AccountName"/>, e.g. <c>http://127.0.0.1:41234/devstoreaccount1</c>.
    /// </summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The queue service of <see cref="AccountName"/>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The table service of <see cref="AccountName"/>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>
    /// A storage connection string with explicit endpoints and the development key, usable as
    /// <c>AzureWebJobsStorage</c> and by every Azure Storage client.
    /// </summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>The Node process serving all three services (to read its CPU time).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Azurite's console output so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>
    /// Installs Azurite if this project's node_modules lacks it (<c>npm ci</c>, once across parallel test processes),
    /// starts it and returns when all three services accept connections.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var entryPoint = await AzuriteInstall.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return new AzuriteInstance(await EmulatorProcess.StartAsync(
            "Azurite", StartInfo(entryPoint), ListeningLine(), services: 3, StartTimeout, cancellationToken)
            .ConfigureAwait(false));
    }

    /// <summary>Kills Azurite (and anything it started) and waits for it to exit.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ProcessStartInfo StartInfo(string entryPoint)
    {
        var start = new ProcessStartInfo("node");
        string[] arguments =
        [
            "--require", Path.Combine(AppContext.BaseDirectory, "exit-with-parent.cjs"),
            "--require", Path.Combine(AppContext.BaseDirectory, "test-clock.cjs"),
            entryPoint,
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
            "--inMemoryPersistence", "--extentMemoryLimit", "512",
            "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port}/{AccountName}");

    [GeneratedRegex(
        @"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
