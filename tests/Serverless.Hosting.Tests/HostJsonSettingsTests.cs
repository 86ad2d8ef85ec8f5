using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Http.Configuration;
using Serverless.Hosting.Queues;
using Serverless.Workers.Queues;

namespace Serverless.Hosting.Tests;

/// <summary>
/// The local host takes its route prefix, task hub and queue settings from the Function App's host.json.
/// </summary>
public sealed class HostJsonSettingsTests : IDisposable
{
    private const string HostJson = """
        {
          "version": "2.0",
          "extensions": {
            "http": { "routePrefix": "shop" },
            "durableTask": { "hubName": "%TaskHubName%" },
            "queues": {
              "maxDequeueCount": 3,
              "visibilityTimeout": "00:00:07",
              "batchSize": 8,
              "maxPollingInterval": "00:00:02"
            }
          }
        }
        """;

    private readonly string _root = TempDirectory.Create();

    public HostJsonSettingsTests() => File.WriteAllText(Path.Combine(_root, HostJsonSettings.FileName), HostJson);

    public void Dispose() => TempDirectory.Delete(_root);

    [Fact]
    public void Route_prefix_task_hub_and_queue_settings_are_read_with_a_setting_reference_resolved()
    {
        var settings = HostJsonSettings.Read(
            Path.Combine(_root, HostJsonSettings.FileName),
            name => name == "TaskHubName" ? "orders" : null);

        Assert.Equal("shop", settings["Serverless:RoutePrefix"]);
        Assert.Equal("orders", settings["Durable:TaskHub"]);
        Assert.Equal("3", settings["Serverless:Queues:MaxDequeueCount"]);
        Assert.Equal("00:00:07", settings["Serverless:Queues:RetryBaseDelay"]);
        Assert.Equal("8", settings["Serverless:Queues:BatchSize"]);
        Assert.Equal("00:00:02", settings["Serverless:Queues:MaxPollingInterval"]);
    }

    [Fact]
    public void An_unset_setting_reference_leaves_the_task_hub_to_its_default()
    {
        var settings = HostJsonSettings.Read(Path.Combine(_root, HostJsonSettings.FileName), _ => null);

        Assert.False(settings.ContainsKey("Durable:TaskHub"));
    }

    [Fact]
    public void The_host_binds_host_json_under_environment_and_command_line()
    {
        var builder = LocalFunctionsHost.CreateBuilder(
            ["--Serverless:Queues:BatchSize=4", "--TaskHubName=fromargs"],
            _root);
        using var services = builder.Services.BuildServiceProvider();

        var queues = services.GetRequiredService<IOptions<QueuePumpOptions>>().Value;
        var host = services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value;

        Assert.Equal(
            (4, 3, TimeSpan.FromSeconds(7)),
            (queues.BatchSize, queues.MaxDequeueCount, queues.RetryBaseDelay));
        Assert.Equal("shop", host.RoutePrefix);
        Assert.Equal("fromargs", builder.Configuration["Durable:TaskHub"]);
    }

    [Fact]
    public void The_repositorys_host_json_with_the_Function_Apps_telemetry_mode_configures_the_local_host_as_before()
    {
        var root = Path.Combine(_root, "repository");
        Directory.CreateDirectory(root);
        File.Copy(
            Path.Combine(RepositoryRoot.Path, HostJsonSettings.FileName),
            Path.Combine(root, HostJsonSettings.FileName));
        var builder = LocalFunctionsHost.CreateBuilder([], root);
        using var services = builder.Services.BuildServiceProvider();

        Assert.Contains("\"telemetryMode\"", File.ReadAllText(Path.Combine(root, HostJsonSettings.FileName)),
            StringComparison.Ordinal);
        Assert.Equal("api", services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value.RoutePrefix);
        var queues = services.GetRequiredService<IOptions<QueuePumpOptions>>().Value;
        Assert.Equal((16, 5), (queues.BatchSize, queues.MaxDequeueCount));
    }

    [Fact]
    public void The_repositorys_host_json_versions_new_sagas_2_0_and_an_explicit_setting_overrides_it()
    {
        var root = Path.Combine(_root, "versioned");
        Directory.CreateDirectory(root);
        File.Copy(
            Path.Combine(RepositoryRoot.Path, HostJsonSettings.FileName),
            Path.Combine(root, HostJsonSettings.FileName));

        var configured = LocalFunctionsHost.CreateBuilder([], root).Configuration;
        var overridden = LocalFunctionsHost.CreateBuilder(["--Durable:DefaultVersion=1.0"], root).Configuration;

        Assert.Equal(
            ("2.0", "CurrentOrOlder", "Reject"),
            (configured["Durable:DefaultVersion"], configured["Durable:VersionMatchStrategy"],
                configured["Durable:VersionFailureStrategy"]));
        Assert.Equal("1.0", overridden["Durable:DefaultVersion"]);
    }
}
