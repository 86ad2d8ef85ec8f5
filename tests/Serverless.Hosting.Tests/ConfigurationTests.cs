using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Serverless.Hosting.Configuration;

namespace Serverless.Hosting.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    public void Dispose() => TempDirectory.Delete(_directory);

    private WebApplicationBuilder CreateBuilder(string[] args, string? localSettingsJson)
    {
        if (localSettingsJson is not null)
        {
            File.WriteAllText(Path.Combine(_directory, "local.settings.json"), localSettingsJson);
        }

        return WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = _directory })
            .AddFunctionsHost();
    }

    [Fact]
    public void Command_line_beats_environment_which_beats_local_settings_which_beats_defaults()
    {
        // A key no other test or process uses, so setting it in this process's environment races with nothing.
        var section = "Precedence" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable($"{section}__FromEnvironment", "environment");
        Environment.SetEnvironmentVariable($"{section}__FromCommandLine", "environment");
        try
        {
            var builder = CreateBuilder(
                [$"--{section}:FromCommandLine=command-line"],
                $$"""
                {
                  "IsEncrypted": false,
                  "Values": {
                    "{{section}}__FromSettings": "settings",
                    "{{section}}__FromEnvironment": "settings",
                    "{{section}}:FromCommandLine": "settings",
                    "Logging__LogLevel__Microsoft.AspNetCore": "Error"
                  }
                }
                """);

            var configuration = builder.Configuration;
            Assert.Equal("settings", configuration[$"{section}:FromSettings"]);
            Assert.Equal("environment", configuration[$"{section}:FromEnvironment"]);
            Assert.Equal("command-line", configuration[$"{section}:FromCommandLine"]);
            Assert.Equal("Error", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
            Assert.Equal("Information", configuration["Logging:LogLevel:Default"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__FromEnvironment", null);
            Environment.SetEnvironmentVariable($"{section}__FromCommandLine", null);
        }
    }

    [Fact]
    public void Port_and_data_dir_switches_set_the_listen_port_and_data_directory()
    {
        var builder = CreateBuilder(["--port", "7072", "--data-dir", "state"], localSettingsJson: null);

        var environment = GetEnvironment(builder);
        Assert.Equal("7072", builder.Configuration["Serverless:Port"]);
        Assert.Equal(7072, environment.ListenEndpoint!.Port);
        Assert.Equal("127.0.0.1", environment.ListenEndpoint!.Address.ToString());
        Assert.Equal(Path.Combine(_directory, "state"), environment.DataDirectory);
    }

    [Fact]
    public void Without_settings_the_host_listens_on_7071_and_keeps_data_under_dot_data()
    {
        var builder = CreateBuilder([], localSettingsJson: null);

        var environment = GetEnvironment(builder);
        Assert.Equal(HostingMode.Local, environment.Mode);
        Assert.Equal(7071, environment.ListenEndpoint!.Port);
        Assert.Equal(Path.Combine(_directory, ".data"), environment.DataDirectory);
    }

    [Fact]
    public void Local_settings_fill_values_connection_strings_and_the_local_http_port()
    {
        var builder = CreateBuilder([], """
            {
              // Core Tools tolerates comments.
              "IsEncrypted": false,
              "Values": { "FUNCTIONS_WORKER_RUNTIME": "custom", "Serverless__Queues__BatchSize": 4, "Flag": true },
              "Host": { "LocalHttpPort": 7090 },
              "ConnectionStrings": { "Storage": "UseDevelopmentStorage=true" },
            }
            """);

        var configuration = builder.Configuration;
        Assert.Equal("custom", configuration["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("4", configuration["Serverless:Queues:BatchSize"]);
        Assert.Equal("true", configuration["Flag"]);
        Assert.Equal("UseDevelopmentStorage=true", configuration.GetConnectionString("Storage"));
        Assert.Equal(7090, GetEnvironment(builder).ListenEndpoint!.Port);
    }

    [Fact]
    public void The_port_switch_beats_the_local_http_port()
    {
        var builder = CreateBuilder(["--port=7095"], """{"Host":{"LocalHttpPort":7090}}""");

        Assert.Equal(7095, GetEnvironment(builder).ListenEndpoint!.Port);
    }

    [Fact]
    public void An_encrypted_local_settings_file_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => CreateBuilder(
            [],
            """{"IsEncrypted":true,"Values":{}}"""));

        Assert.Contains("encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_local_settings_file_is_refused_with_its_path()
    {
        var error = Assert.Throws<InvalidDataException>(() => CreateBuilder([], """{"Values": {"""));

        Assert.Contains("local.settings.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_that_is_not_a_number_is_refused_with_the_key_name()
    {
        var error = Assert.Throws<InvalidSettingException>(() => CreateBuilder(
            ["--port", "seventy"],
            localSettingsJson: null));

        Assert.Contains("Serverless:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_settings_source_alone_reads_double_underscores_as_sections()
    {
        File.WriteAllText(Path.Combine(_directory, "local.settings.json"), """{"Values":{"A__B__C":"1","D:E":"2"}}""");

        var configuration = new ConfigurationBuilder()
            .Add(new LocalSettingsConfigurationSource { Path = Path.Combine(_directory, "local.settings.json") })
            .Build();

        Assert.Equal("1", configuration["A:B:C"]);
        Assert.Equal("2", configuration["D:E"]);
    }

    [Fact]
    public void A_missing_local_settings_file_adds_nothing()
    {
        var configuration = new ConfigurationBuilder()
            .Add(new LocalSettingsConfigurationSource { Path = Path.Combine(_directory, "absent.json") })
            .Build();

        Assert.Empty(configuration.AsEnumerable());
    }

    private static FunctionsHostEnvironment GetEnvironment(WebApplicationBuilder builder) =>
        (FunctionsHostEnvironment)builder.Services.Single(d =>
            d.ServiceType == typeof(FunctionsHostEnvironment)).ImplementationInstance!;
}
