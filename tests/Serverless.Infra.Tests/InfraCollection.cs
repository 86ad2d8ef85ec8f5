namespace Serverless.Infra.Tests;

/// <summary>Every test class that reads the compiled template shares one build of infra/.</summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "infra";
}
