using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Host.Tests.Support;
using Serverless.Hosting;

namespace Serverless.Host.Tests;

/// <summary>
/// Keeps <c>ServiceProviderGenerics.rd.xml</c> complete: every generic type the service provider makes from start-up to
/// the first confirmed order must be generated ahead of time by Native AOT, or the native host builds it at run time
/// and starts slower. Runs the real composition in-process (the recorder hears this process's service providers only).
/// </summary>
[Collection(ServiceProviderGenericsCollection.Name)]
public sealed class ServiceProviderGenericsTests
{
    private const string RdXmlFile = "ServiceProviderGenerics.rd.xml";

    [Fact]
    public async Task Every_generic_type_the_service_provider_makes_through_the_first_saga_is_generated_ahead_of_time()
    {
        using var recorder = new ServiceProviderGenericsRecorder();
        var root = Directory.CreateTempSubdirectory("serverless-generics-").FullName;
        try
        {
            await using var app = HostApplication.Create(
                ["--port", "0", "--data-dir", Path.Combine(root, "data")],
                root);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            await RunFirstSagaAsync(http);
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        var recorded = recorder.RecordedTypes();
        Assert.Contains(RdXmlTypeName.Of(typeof(IOptions<FunctionsHostOptions>)), recorded);
        var missing = recorded.Except(RdXmlTypeName.ListedIn(Path.Combine(AppContext.BaseDirectory, RdXmlFile)))
            .Order()
            .ToList();
        Assert.True(missing.Count == 0, $"Add to functions/Serverless.Host/{RdXmlFile}:\n{string.Join('\n', missing)}");
    }

    private static async Task RunFirstSagaAsync(HttpClient http)
    {
        (await http.GetAsync("api/health")).EnsureSuccessStatusCode();
        using var stock = new StringContent("""{"quantity":10,"unitPrice":12.5}""", Encoding.UTF8, "application/json");
        (await http.PutAsync("api/inventory/SKU-1", stock)).EnsureSuccessStatusCode();
        using var order = new StringContent(
            """{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":2}],"payment":{"token":"tok_visa"}}""",
            Encoding.UTF8,
            "application/json");
        using var placed = await http.PostAsync("api/orders", order);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();

        var deadline = DateTime.UtcNow + HostClient.SettleDeadline;
        async Task<string?> StatusAsync() =>
            (await http.GetFromJsonAsync<JsonElement>($"api/orders/{orderId}")).GetProperty("status").GetString();
        while (await StatusAsync() != "Confirmed")
        {
            Assert.True(
                DateTime.UtcNow < deadline,
                $"Order {orderId} was not confirmed within {HostClient.SettleDeadline}.");
            await Task.Delay(20);
        }
    }
}
