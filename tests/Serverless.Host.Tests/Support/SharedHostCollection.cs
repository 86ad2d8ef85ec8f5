namespace Serverless.Host.Tests.Support;

/// <summary>
/// The test classes that share one default host. Its tests run one after another; each uses its own SKUs and customers,
/// so they do not depend on each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHostFixture>
{
    public const string Name = "Shared host";
}
