using Serverless.Storage.Azure.Configuration;

namespace Serverless.Host;

/// <summary>Chooses the host's storage: Azure Storage when <c>AzureWebJobsStorage</c> is set, else the embedded SQLite file.</summary>
internal static class HostStorage
{
    public static IServiceCollection AddHostStorage(this IServiceCollection services, IConfiguration configuration) =>
        AzureStorageConnection.IsConfigured(configuration)
            ? services.AddAzureHostStorage(configuration)
            : services.AddEmbeddedStorage();
}
