using System.Text.Json;

namespace Serverless.Build.Tests;

/// <summary>
/// Where the Function App's publish is compiled for, whatever machine runs it: Flex Consumption runs linux-x64, and
/// ReadyToRun code runs only on the runtime it was compiled for. The SDK takes a publish without <c>-r</c> (azd's,
/// infra/deploy.sh's) to be for the machine's own runtime, which it reads from
/// <c>NETCoreSdkPortableRuntimeIdentifier</c>: the tests set that to a Mac's or a Windows machine's and evaluate the
/// project as <c>dotnet publish</c> does.
/// </summary>
public sealed class FunctionAppPublishTargetTests
{
    private static string Project =>
        RepositoryRoot.Combine("functions", "Serverless.Functions", "Serverless.Functions.csproj");

    [Theory]
    [InlineData("osx-arm64")]
    [InlineData("win-x64")]
    [InlineData("linux-x64")]
    public async Task A_publish_without_a_runtime_on_any_machine_is_ReadyToRun_for_linux_x64(string machine)
    {
        var properties = await EvaluateAsync(
            ["-p:_IsPublishing=true", $"-p:NETCoreSdkPortableRuntimeIdentifier={machine}"],
            "RuntimeIdentifier",
            "PublishReadyToRun",
            "SelfContained");

        Assert.Equal("linux-x64", properties["RuntimeIdentifier"]);
        Assert.Equal("true", properties["PublishReadyToRun"]);
        Assert.Equal("false", properties["SelfContained"]);
    }

    [Fact]
    public async Task A_build_stays_runtime_neutral_so_tests_run_on_any_machine()
    {
        var properties = await EvaluateAsync(
            ["-p:NETCoreSdkPortableRuntimeIdentifier=osx-arm64"],
            "RuntimeIdentifier");

        Assert.Equal("", properties["RuntimeIdentifier"]);
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(string[] globals, params string[] names)
    {
        var result = await ChildProcess.RunAsync(ChildProcess.StartInfo(
            "dotnet",
            RepositoryRoot.Path,
            ["msbuild", Project, "-p:Configuration=Release", .. globals, .. names.Select(n => $"-getProperty:{n}")]),
            TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.ToString());
        if (names.Length == 1)
        {
            // One -getProperty prints the bare value; several print JSON.
            return new Dictionary<string, string> { [names[0]] = result.StandardOutput.Trim() };
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.GetProperty("Properties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
