namespace Serverless.Functions.Tests.Support;

/// <summary>Tests that set process-wide environment variables: they run alone, never beside another test.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;
