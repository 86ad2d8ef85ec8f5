using System.Text.Json;
using Serverless.Functions.Tests.Support;
using Serverless.Hosting.Catalog;
using Serverless.Orders.Saga;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Host;

namespace Serverless.Functions.Tests;

/// <summary>The Function App as the Functions host would load it: functions.metadata from the build output.</summary>
public sealed class FunctionsMetadataTests
{
    // name → (trigger, route, methods, auth level, queue): every function the app must have, and nothing else.
    private static readonly Dictionary<string,
    (string Trigger, string? Route, string? Methods, string? AuthLevel, string? Queue)> Expected = new()
    {
        ["Health"] = ("httpTrigger", "health", "GET,HEAD", "Anonymous", null),
        ["SetStock"] = ("httpTrigger", "inventory/{sku}", "PUT", "Admin", null),
        ["GetStock"] = ("httpTrigger", "inventory/{sku}", "GET,HEAD", "Function", null),
        ["CreateOrder"] = ("httpTrigger", "orders", "POST", "Function", null),
        ["ListOrders"] = ("httpTrigger", "orders", "GET,HEAD", "Function", null),
        ["GetOrder"] = ("httpTrigger", "orders/{orderId}", "GET,HEAD", "Function", null),
        ["ApproveOrder"] = ("httpTrigger", "orders/{orderId}/approve", "POST", "Admin", null),
        ["RejectOrder"] = ("httpTrigger", "orders/{orderId}/reject", "POST", "Admin", null),
        ["CancelOrder"] = ("httpTrigger", "orders/{orderId}/cancel", "POST", "Function", null),
        ["ReconcileOrders"] = ("timerTrigger", null, null, null, null),
        ["GetPayment"] = ("httpTrigger", "payments/{orderId}", "GET,HEAD", "Function", null),
        ["GetShipment"] = ("httpTrigger", "shipments/{orderId}", "GET,HEAD", "Function", null),
        ["FulfilOrder"] = ("queueTrigger", null, null, null, "order-events"),
        ["PurgeHistory"] = ("timerTrigger", null, null, null, null),
        [PlaceOrderOrchestrator.Name] = ("orchestrationTrigger", null, null, null, null),
        [SagaActivities.RecordOrder] = ("activityTrigger", null, null, null, null),
        [SagaActivities.ReserveStock] = ("activityTrigger", null, null, null, null),
        [SagaActivities.CommitStock] = ("activityTrigger", null, null, null, null),
        [SagaActivities.ReleaseStock] = ("activityTrigger", null, null, null, null),
        [SagaActivities.ChargePayment] = ("activityTrigger", null, null, null, null),
        [SagaActivities.RefundPayment] = ("activityTrigger", null, null, null, null),
        [SagaActivities.SetOrderStatus] = ("activityTrigger", null, null, null, null),
        [SagaActivities.RecordApprovalTimeout] = ("activityTrigger", null, null, null, null),
        [SagaActivities.ScreenOrder] = ("activityTrigger", null, null, null, null),
        [SagaActivities.PublishOrderConfirmed] = ("activityTrigger", null, null, null, null),
    };

    [Fact]
    public void Every_function_is_declared_with_its_trigger_route_methods_key_level_and_queue()
    {
        var declared = Triggers().ToDictionary(t => t.Name, t => (t.Trigger, t.Route, t.Methods, t.AuthLevel, t.Queue));

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in Expected)
        {
            Assert.True(expected == declared[name], $"{name}: expected {expected}, declared {declared[name]}");
        }
    }

    [Fact]
    public void Every_saga_activity_has_an_activity_function_of_its_name()
    {
        var activities = typeof(SagaActivities).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.Name.EndsWith(
                "Queue",
                StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);
        var activityFunctions = Triggers().Where(t => t.Trigger == "activityTrigger").Select(t => t.Name);

        Assert.Equal(activities.Order(StringComparer.Ordinal), activityFunctions.Order(StringComparer.Ordinal));
    }

    // The detailed health reports the local host's own worker leases and queues; on Azure the Functions host owns both
    // (and Application Insights / the portal report them), so the Function App has no such function. Likewise the
    // rates the dashboard charts: counted in the local host's memory, for its dashboard (docs/dashboard.md).
    private static readonly HashSet<string> LocalHostOnly = new(StringComparer.Ordinal)
    {
        "HealthDetails",
        "HealthRates",
    };

    [Fact]
    public async Task The_HTTP_and_queue_functions_equal_the_local_hosts_catalog()
    {
        using var data = new TempDirectory();
        // The local host itself, composed as it runs (embedded SQLite in a temporary folder, an OS-chosen port).
        await using var app = HostApplication.Create(["--port", "0", "--data-dir", data.Path], data.Path);
        await app.StartAsync();
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var local = catalog.HttpFunctions
            .Where(f => !LocalHostOnly.Contains(f.Name))
            .Select(f => (f.Name, Route: f.Route, Methods: string.Join(',', f.Methods), Level: f.AuthLevel.ToString()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var localQueues = catalog.QueueFunctions.Select(f => (f.Name, f.QueueName)).ToList();
        await app.StopAsync();

        var azure = Triggers().Where(t => t.Trigger == "httpTrigger")
            .Select(t => (t.Name, Route: "/api/" + t.Route, Methods: t.Methods!, Level: t.AuthLevel!))
            .OrderBy(f => f.Name, StringComparer.Ordinal);

        Assert.Equal(local, azure);
        Assert.Equal(localQueues, Triggers().Where(t => t.Trigger == "queueTrigger").Select(t => (t.Name, t.Queue!)));
    }

    [Fact]
    public void ReconcileOrders_runs_on_the_schedule_of_an_app_setting_that_infra_sets()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.FunctionsMetadata));
        var trigger = document.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "ReconcileOrders")
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "timerTrigger");
        using var settings = JsonDocument.Parse(File.ReadAllText(Repository.AppSettings));

        Assert.Equal("%ReconcileOrdersSchedule%", trigger.GetProperty("schedule").GetString());
        Assert.True(settings.RootElement.GetProperty("settings").TryGetProperty("ReconcileOrdersSchedule", out _));
    }

    /// <summary>The app settings the Functions host resolves in the triggers (<c>%Name%</c>).</summary>
    internal static HashSet<string> SettingReferences() =>
        [.. System.Text.RegularExpressions.Regex.Matches(
            File.ReadAllText(Repository.FunctionsMetadata),
            "\"%([A-Za-z0-9_]+)%\"").Select(m => m.Groups[1].Value)];

    internal static IEnumerable<(
        string Name,
        string Trigger,
        string? Route,
        string? Methods,
        string? AuthLevel,
        string? Queue)> Triggers()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.FunctionsMetadata));
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            yield return (
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                Text(trigger, "route"),
                trigger.TryGetProperty("methods", out var methods)
                    ? string.Join(',', methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))
                    : null,
                Text(trigger, "authLevel"),
                Text(trigger, "queueName"));
        }
    }

    private static string? Text(JsonElement binding, string name) =>
        binding.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
