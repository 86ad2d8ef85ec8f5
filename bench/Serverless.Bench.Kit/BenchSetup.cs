namespace Serverless.Bench.Kit;

/// <summary>A bench's parsed options, the repository root and its work folder (created).</summary>
public sealed record BenchSetup<T>(T Options, string Repository, string Work)
    where T : CommonOptions;
