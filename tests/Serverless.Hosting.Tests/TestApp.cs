using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Hosting;
using Serverless.Storage;
using Serverless.Storage.InMemory;

namespace Serverless.Hosting.Tests;

/// <summary>
/// A real Kestrel app on 127.0.0.1 with an OS-chosen port, built exactly as the executable builds it.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, HttpClient client, string contentRoot)
    {
        App = app;
        Client = client;
        ContentRoot = contentRoot;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public string ContentRoot { get; }

    public static async Task<TestApp> StartAsync(
        Action<WebApplication>? map = null,
        string[]? args = null,
        Action<WebApplicationBuilder>? configure = null,
        string? localSettingsJson = null)
    {
        var contentRoot = TempDirectory.Create();
        if (localSettingsJson is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(contentRoot, "local.settings.json"), localSettingsJson);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--port", "0", .. args ?? []],
            ContentRootPath = contentRoot,
            EnvironmentName = "Production",
        });
        builder.Services.AddSingleton<IStorageProvider>(new InMemoryStorageProvider());
        configure?.Invoke(builder);
        builder.AddFunctionsHost();

        var app = builder.Build();
        app.UseFunctionsHost();
        map?.Invoke(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, new HttpClient { BaseAddress = new Uri(address) }, contentRoot);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        TempDirectory.Delete(ContentRoot);
    }
}
