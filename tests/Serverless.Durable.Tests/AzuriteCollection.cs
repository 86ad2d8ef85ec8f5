using Serverless.Testing.Azurite;

namespace Serverless.Durable.Tests;

/// <summary>The engine's tests on Azure Storage share one Azurite per test run; each hub works under its own name prefix.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
