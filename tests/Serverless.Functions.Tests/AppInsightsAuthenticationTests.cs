using System.Web;
using Azure.Core;
using Azure.Identity;
using Serverless.Functions.Telemetry;
using Serverless.Functions.Tests.Support;

namespace Serverless.Functions.Tests;

/// <summary>
/// With <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (as infra sets it), the exporter's credential is the
/// user-assigned managed identity the string names: its token for Azure Monitor is asked of the Function App's identity
/// endpoint with that client id. A recording endpoint plays App Service's identity endpoint, found as on Azure through
/// <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c>; those are process-wide, so this class runs alone.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class AppInsightsAuthenticationTests
{
    private const string ClientId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string IdentityHeader = "identity-header-of-the-test";

    [Fact]
    public async Task The_exporter_signs_in_as_the_user_assigned_identity_the_authentication_string_names()
    {
        await using var identity = await RecordingEndpoint.StartAsync(_ => $$"""
            {"access_token":"token-for-monitor",
             "expires_on":"{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}",
             "resource":"https://monitor.azure.com/","token_type":"Bearer","client_id":"{{ClientId}}"}
            """);
        var endpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");
        var header = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(identity.Url, "msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
        try
        {
            using var host = await FunctionAppTelemetryTests.StartAsync(new Dictionary<string, string?>
            {
                [FunctionAppTelemetry.ConnectionStringSetting] = "InstrumentationKey=" +
                    "6f1e7c2a-0b5d-4c8e-9a31-2d4f6b8e0c17;IngestionEndpoint=https://ingestion.invalid/",
                [AppInsightsAuthentication.Setting] = $"ClientId={ClientId};Authorization=AAD",
            });
            var credential = FunctionAppTelemetryTests.Exporter(host.Services).Credential;

            Assert.IsType<ManagedIdentityCredential>(credential);
            var token = await credential.GetTokenAsync(
                new TokenRequestContext(["https://monitor.azure.com//.default"]),
                CancellationToken.None);

            Assert.Equal("token-for-monitor", token.Token);
            var request = Assert.Single(identity.Requests);
            var query = HttpUtility.ParseQueryString(new Uri(identity.Url, request.PathAndQuery).Query);
            Assert.Equal(ClientId, query["client_id"]);
            Assert.Equal("https://monitor.azure.com/", query["resource"]);
            Assert.Equal(IdentityHeader, request.Headers["X-IDENTITY-HEADER"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", endpoint);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", header);
        }
    }
}
