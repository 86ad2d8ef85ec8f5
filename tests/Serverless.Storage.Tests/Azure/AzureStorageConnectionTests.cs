using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Serverless.Storage.Azure.Configuration;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

public sealed class AzureStorageConnectionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var connection = AzureStorageConnection.Read(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
    }

    [Fact]
    public void An_account_name_gives_the_public_service_endpoints()
    {
        var connection = AzureStorageConnection.Read(Settings(("AzureWebJobsStorage:accountName", "shop")));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://shop.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://shop.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential());
    }

    [Fact]
    public void Explicit_service_uris_win_over_the_account_name()
    {
        var connection = AzureStorageConnection.Read(Settings(
            ("AzureWebJobsStorage:accountName", "shop"),
            ("AzureWebJobsStorage:tableServiceUri", "https://tables.example.test")));

        Assert.Equal(new Uri("https://tables.example.test"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://shop.queue.core.windows.net"), connection.QueueServiceUri);
    }

    [Fact]
    public void The_managedidentity_credential_setting_selects_a_managed_identity_with_the_given_client_id()
    {
        var connection = AzureStorageConnection.Read(Settings(
            ("AzureWebJobsStorage:accountName", "shop"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential());
        Assert.Equal("00000000-0000-0000-0000-000000000001", connection.ClientId);
    }

    [Fact]
    public void Without_any_setting_the_connection_is_not_configured_and_reading_it_names_the_settings()
    {
        var settings = Settings(("Other", "x"));

        var error = Assert.Throws<InvalidOperationException>(() => AzureStorageConnection.Read(settings));

        Assert.False(AzureStorageConnection.IsConfigured(settings));
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_uri_that_is_not_absolute_is_refused()
    {
        var settings = Settings(
            ("AzureWebJobsStorage:tableServiceUri", "tables"),
            ("AzureWebJobsStorage:queueServiceUri", "https://q.example.test"));

        Assert.Throws<InvalidOperationException>(() => AzureStorageConnection.Read(settings));
    }
}
