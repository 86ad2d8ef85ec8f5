namespace Serverless.Host.Tests.Azure;

/// <summary>The end-to-end scenarios that run a second time, on a host whose storage is Azure (Azurite).</summary>
[CollectionDefinition(Name)]
public sealed class AzureHostCollection : ICollectionFixture<AzureHostFixture>
{
    public const string Name = "Azure host";
}
