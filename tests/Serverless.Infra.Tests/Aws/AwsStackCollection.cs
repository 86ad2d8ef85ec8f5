namespace Serverless.Infra.Tests.Aws;

/// <summary>Every test class that reads the synthesized AWS template shares one <c>cdk synth</c>.</summary>
[CollectionDefinition(Name)]
public sealed class AwsStackCollection : ICollectionFixture<SynthesizedStack>
{
    public const string Name = "aws-stack";
}
