using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serverless.Hosting.Tests;

public sealed class LocalFunctionsHostTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    public void Dispose() => TempDirectory.Delete(_directory);

    private WebApplicationBuilder CreateBuilder(string[] args, string? localSettingsJson = null)
    {
        if (localSettingsJson is not null)
        {
            File.WriteAllText(Path.Combine(_directory, "local.settings.json"), localSettingsJson);
        }

        return LocalFunctionsHost.CreateBuilder(args, _directory);
    }

    [Fact]
    public void Command_line_beats_environment_which_beats_local_settings_which_beats_defaults()
    {
        // A key no other test or process uses, so setting it in this process's environment races with nothing.
        var section = "LeanPrecedence" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable($"{section}__FromEnvironment", "environment");
        Environment.SetEnvironmentVariable($"{section}__FromCommandLine", "environment");
        try
        {
            var configuration = CreateBuilder(
                [$"--{section}:FromCommandLine=command-line"],
                $$"""
                {
                  "Values": {
                    "{{section}}__FromSettings": "settings",
                    "{{section}}__FromEnvironment": "settings",
                    "{{section}}:FromCommandLine": "settings"
                  }
                }
                """).Configuration;

            Assert.Equal("settings", configuration[$"{section}:FromSettings"]);
            Assert.Equal("environment", configuration[$"{section}:FromEnvironment"]);
            Assert.Equal("command-line", configuration[$"{section}:FromCommandLine"]);
            Assert.Equal("Information", configuration["Logging:LogLevel:Default"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__FromEnvironment", null);
            Environment.SetEnvironmentVariable($"{section}__FromCommandLine", null);
        }
    }

    [Fact]
    public void Port_and_data_dir_switches_set_the_listen_port_and_data_directory_under_the_content_root()
    {
        var builder = CreateBuilder(["--port", "7072", "--data-dir", "state"]);

        var environment = (FunctionsHostEnvironment)builder.Services.Single(d =>
            d.ServiceType == typeof(FunctionsHostEnvironment)).ImplementationInstance!;
        Assert.Equal(7072, environment.ListenEndpoint!.Port);
        Assert.Equal(Path.Combine(_directory, "state"), environment.DataDirectory);
        Assert.Equal(_directory, builder.Environment.ContentRootPath);
    }

    [Fact]
    public void An_appsettings_file_is_not_configuration()
    {
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"), """{"Serverless":{"Port":7099}}""");

        var builder = CreateBuilder([]);

        Assert.Null(builder.Configuration["Serverless:Port"]);
    }

    [Fact]
    public async Task Log_levels_come_from_the_logging_section()
    {
        var builder = CreateBuilder(["--port", "0"], """{"Values":{"Logging__LogLevel__Orders":"Warning"}}""");
        await using var app = builder.Build();

        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger("Orders.Saga").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Orders.Saga").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Routing").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Serverless.Hosting").IsEnabled(LogLevel.Information));
    }
}
