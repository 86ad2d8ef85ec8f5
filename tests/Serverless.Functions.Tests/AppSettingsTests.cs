using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Functions.Tests.Support;
using Serverless.Http.Configuration;
using Serverless.Orders.Events;
using Serverless.Orders.Ordering;
using Serverless.Orders;
using Serverless.Storage;

namespace Serverless.Functions.Tests;

/// <summary>
/// The code side of infra/app-settings.json and host.json: one list of settings, checked on both sides. A setting
/// is read by the code, or by host.json or a trigger (<c>%Name%</c>, resolved by the Functions host). The telemetry
/// settings are read by both: the Functions host exports its own telemetry with them, the worker its own.
/// </summary>
public sealed class AppSettingsTests
{
    [Fact]
    public async Task Every_app_setting_is_read_by_the_app_host_json_or_the_Functions_host_and_the_app_needs_no_other()
    {
        var settings = AppSettingNames();
        var values = settings.ToDictionary(
            n => n.Replace("__", ":", StringComparison.Ordinal),
            n => (string?)SampleValue(n),
            StringComparer.OrdinalIgnoreCase);
        var source = new RecordingConfigurationSource(values);
        var configuration = new ConfigurationBuilder().Add(source).Build();

        await using var services = new ServiceCollection()
            .AddLogging()
            .AddFunctionApp(configuration)
            .BuildServiceProvider();
        Assert.NotNull(services.GetRequiredService<IStorageProvider>());
        Assert.Single(services.GetServices<IIntegrationEventSink>());
        _ = services.GetRequiredService<IOptions<OrdersOptions>>().Value;

        var readByCode = source.Read.Keys.Select(k => k.Replace(":", "__", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fromHostJson = HostJsonSettingReferences();
        var fromTriggers = FunctionsMetadataTests.SettingReferences();
        foreach (var name in settings)
        {
            Assert.True(
                readByCode.Contains(name) || fromHostJson.Contains(name) || fromTriggers.Contains(name),
                $"{name} is in infra/app-settings.json but nothing reads it.");
        }

        // Anything else the code looked up is optional tuning with a default (the Orders section) or the other form of
        // a connection it read (a connection string under the connection's own name, as local.settings.json sets it).
        var others = readByCode.Where(k => !settings.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.All(others, key => Assert.True(
            key.Equals(OrdersOptions.SectionName, StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(OrdersOptions.SectionName + "__", StringComparison.OrdinalIgnoreCase)
                || key is "AzureWebJobsStorage" or "ServiceBus"
                    || key.StartsWith("AzureWebJobsStorage__", StringComparison.OrdinalIgnoreCase)
                    && OptionalStorageKeys.Contains(key[21..]),
            $"The app reads '{key}', which infra/app-settings.json does not set."));
    }

    [Fact]
    public void Host_json_is_the_Function_Apps_with_the_task_hub_from_TaskHubName_and_no_custom_handler()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.HostJson));
        var root = document.RootElement;
        var extensions = root.GetProperty("extensions");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _));
        Assert.Equal("%TaskHubName%", extensions.GetProperty("durableTask").GetProperty("hubName").GetString());
        Assert.True(extensions.GetProperty("queues").GetProperty("maxDequeueCount").GetInt32() >= 1);
    }

    [Fact]
    public void Host_json_puts_the_Functions_host_in_OpenTelemetry_mode_so_it_exports_as_the_worker_does()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.HostJson));

        Assert.Equal("OpenTelemetry", document.RootElement.GetProperty("telemetryMode").GetString());
    }

    [Theory]
    [InlineData("shop", "/shop")]
    [InlineData("", "")]
    public void The_apps_links_follow_the_route_prefix_of_its_host_json(string routePrefix, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("host-json-");
        try
        {
            File.WriteAllText(
                Path.Combine(folder.FullName, HostJsonSettings.FileName),
                """{"version":"2.0","extensions":{"http":{"routePrefix":"%"}}}""".Replace(
                    "%",
                    routePrefix,
                    StringComparison.Ordinal));
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(
                    new Dictionary<string,
                    string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
                .AddHostJsonSettings(0, folder.FullName)
                .Build();
            var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
            services.AddFunctionApp(configuration);

            using var provider = services.BuildServiceProvider();

            Assert.Equal(expected, provider.GetRequiredService<OrderLinks>().RoutePrefix);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static readonly HashSet<string> OptionalStorageKeys = new(
        ["tableServiceUri", "queueServiceUri", "blobServiceUri"],
        StringComparer.OrdinalIgnoreCase);

    private static string SampleValue(string name) => name switch
    {
        "AzureWebJobsStorage__accountName" => "ordersstorage",
        "ServiceBus__fullyQualifiedNamespace" => "orders.servicebus.windows.net",
        "Durable__Retention__MaxAge" => "7.00:00:00",
        "APPLICATIONINSIGHTS_CONNECTION_STRING" =>
            "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://ingestion.invalid/",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" =>
            "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        // The template's values with the simulator (the default): the card settings are empty and unread.
        "Orders__Payments__Gateway" => "Simulator",
        _ when name.StartsWith("Orders__Payments__Card__", StringComparison.Ordinal) => "",
        _ when name.EndsWith("__credential", StringComparison.Ordinal) => "managedidentity",
        _ when name.EndsWith("__clientId", StringComparison.Ordinal) => "00000000-0000-0000-0000-000000000001",
        _ => "value",
    };

    private static List<string> AppSettingNames()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.AppSettings));
        return [.. document.RootElement.GetProperty("settings").EnumerateObject().Select(p => p.Name)];
    }

    private static HashSet<string> HostJsonSettingReferences()
    {
        var text = File.ReadAllText(Repository.HostJson);
        return [.. System.Text.RegularExpressions.Regex.Matches(
            text,
            "\"%([A-Za-z0-9_]+)%\"").Select(m => m.Groups[1].Value)];
    }
}
