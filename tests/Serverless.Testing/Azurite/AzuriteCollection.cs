using Xunit;

namespace Serverless.Testing.Azurite;

/// <summary>
/// The tests of a project that run on Azure Storage share one Azurite per test run; each works under its own name
/// prefix. xunit finds collection definitions only in the test assembly, so each such project compiles this file in.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
