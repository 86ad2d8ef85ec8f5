namespace Serverless.Conformance.Tests;

/// <summary>Every conformance test class shares one <see cref="ConformanceFixture"/> (runtimes and outcomes).</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "conformance";
}
