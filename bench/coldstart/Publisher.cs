using Serverless.Bench.Kit;

namespace Serverless.Bench.ColdStart;

/// <summary>
/// Publishes the host's flavours (<see cref="HostPublisher"/>) and the reference app, each into its own artifacts
/// folder (<see cref="DotnetPublish"/>).
/// </summary>
internal static class Publisher
{
    /// <summary>
    /// The reference rows: bench/EmptyHost, an empty Kestrel app, Native AOT, with <c>CreateSlimBuilder</c>...
    /// </summary>
    public const string ReferenceName = "EmptySlimAot";

    /// <summary>
    /// ... and with the leanest builder, the one the host starts from (<c>EMPTYHOST_BUILDER=empty</c>).
    /// </summary>
    public const string LeanReferenceName = "EmptyLeanAot";

    public const string ReferenceExecutable = "EmptyHost";

    /// <summary>Both reference rows from one published folder.</summary>
    public static IEnumerable<Flavor> References(string directory) =>
    [
        new(ReferenceName, directory, ReferenceExecutable) { HealthOnly = true },
        new(LeanReferenceName, directory, ReferenceExecutable)
        {
            HealthOnly = true,
            Environment = new Dictionary<string, string> { ["EMPTYHOST_BUILDER"] = "empty" },
        },
    ];

    public static Flavor Publish(string repository, string workDirectory, string flavor) =>
        HostPublisher.Publish(repository, workDirectory, flavor);

    public static IEnumerable<Flavor> PublishReference(string repository, string workDirectory) =>
        References(DotnetPublish.Run(
            repository,
            workDirectory,
            "EmptyHost",
            Path.Combine(repository, "bench", "EmptyHost", "EmptyHost.csproj"),
            ["-p:PublishAot=true"]));
}
