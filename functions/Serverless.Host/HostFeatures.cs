using System.Diagnostics.CodeAnalysis;

namespace Serverless.Host;

/// <summary>
/// What this build of the host carries beyond the embedded SQLite backend. <c>dotnet publish</c> leaves the cloud
/// backends out unless it is asked for one (<c>-p:Cloud=Azure</c> or <c>-p:Cloud=Aws</c>, see docs/builds.md); a
/// build for development
/// (<c>dotnet build</c>, <c>dotnet run</c>, the tests) carries every backend.
/// </summary>
internal static class HostFeatures
{
    /// <summary>The feature switch a publish without <c>-p:Cloud=Azure</c> sets to false.</summary>
    public const string AzureSwitch = "Serverless.Host.Azure";

    /// <summary>
    /// Whether this build can use Azure Storage and publish to Service Bus. Native AOT and the trimmer fold it to a
    /// constant, so a build with the switch off carries none of the Azure SDK: a binary half the size, with half as
    /// much to map and relocate at every start.
    /// </summary>
    [FeatureSwitchDefinition(AzureSwitch)]
    public static bool Azure => !AppContext.TryGetSwitch(AzureSwitch, out var enabled) || enabled;

    /// <summary>The feature switch a publish without <c>-p:Cloud=Aws</c> sets to false.</summary>
    public const string AwsSwitch = "Serverless.Host.Aws";

    /// <summary>Whether this build can use DynamoDB and SQS; folded to a constant as <see cref="Azure"/> is.</summary>
    [FeatureSwitchDefinition(AwsSwitch)]
    public static bool Aws => !AppContext.TryGetSwitch(AwsSwitch, out var enabled) || enabled;

    /// <summary>The one line a build without Azure prints when <paramref name="setting"/> asks for it.</summary>
    public static string WithoutAzure(string setting) =>
        $"{setting} is set, but this host was published without Azure (publish it with -p:Cloud=Azure, or unset " +
        $"{setting} to use the embedded SQLite file).";

    /// <summary>The one line a build without AWS prints when <paramref name="setting"/> asks for it.</summary>
    public static string WithoutAws(string setting) =>
        $"{setting} is set, but this host was published without AWS (publish it with -p:Cloud=Aws, or unset " +
        $"{setting} to use the embedded SQLite file).";
}
