namespace Serverless.Host.Tests.Support;

/// <summary>One host process shared by the tests of a collection or class; started before them, killed after.</summary>
public abstract class HostFixture : IAsyncLifetime, IDisposable
{
    private HostProcess? _host;
    private HostClient? _client;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>A client without keys.</summary>
    public HostClient Client => _client ?? throw new InvalidOperationException("The host has not started.");

    protected abstract string Name { get; }

    protected virtual string[] Arguments => [];

    public async Task InitializeAsync() => (_host, _client) = await StartAsync();

    /// <summary>Starts the host and makes its client; by default over HTTP once <c>/api/health</c> answers.</summary>
    protected virtual async Task<(HostProcess Host, HostClient Client)> StartAsync()
    {
        var host = await HostProcess.StartAsync(await CreateLaunchAsync(), Name, Arguments);
        return (host, new HostClient(host));
    }

    /// <summary>How the host runs: by default <c>dotnet Serverless.Host.dll</c> on its embedded SQLite file.</summary>
    protected virtual Task<HostLaunch> CreateLaunchAsync() => Task.FromResult(new HostLaunch());

    public void Dispose()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
