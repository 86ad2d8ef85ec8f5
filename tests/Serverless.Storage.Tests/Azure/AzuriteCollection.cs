using Serverless.Testing.Azurite;
using Xunit;

namespace Serverless.Storage.Tests.Azure;

/// <summary>The Azure backend's tests share one Azurite per test run; each test works under its own name prefix.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
