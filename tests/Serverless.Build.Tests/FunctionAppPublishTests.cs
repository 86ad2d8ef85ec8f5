using System.Reflection.PortableExecutable;

namespace Serverless.Build.Tests;

/// <summary>
/// The Function App published as infra/deploy.sh and azd publish it (<c>dotnet publish -c Release</c>, no <c>-r</c>):
/// its assembly is a ReadyToRun image for linux-x64, the runtime of Flex Consumption, and it is framework-dependent
/// (the platform brings .NET). This machine is linux-x64 itself; <see cref="FunctionAppPublishTargetTests"/> covers a
/// publish on a Mac or Windows machine, whose ReadyToRun compiler cannot run here.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
[Trait(Tier.Trait, Tier.Publish)]
public sealed class FunctionAppPublishTests : IAsyncLifetime, IDisposable
{
    // A ReadyToRun image marks its target OS by XOR-ing the COFF machine with an OS value (Linux: 0x7B79).
    private const Machine LinuxX64ReadyToRun = (Machine)(0x8664 ^ 0x7B79);

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    private readonly TempDirectory _root = new();

    private ProcessResult _publish = ProcessResult.NotRun("publish did not run");

    private string PublishDirectory => Path.Combine(_root.Path, "publish");

    public async Task InitializeAsync()
    {
        var project = RepositoryRoot.Combine("functions", "Serverless.Functions", "Serverless.Functions.csproj");
        _publish = await ChildProcess.RunAsync(
            ChildProcess.StartInfo(
                "dotnet",
                RepositoryRoot.Path,
                [
                    "publish", project, "-c", "Release",
                    "--artifacts-path", Path.Combine(_root.Path, "artifacts"),
                    "-o", PublishDirectory,
                    "-nodeReuse:false", "-p:UseSharedCompilation=false"]),
            PublishTimeout);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _root.Dispose();

    [Fact]
    public void The_published_app_is_a_framework_dependent_ReadyToRun_image_for_linux_x64()
    {
        Assert.True(_publish.ExitCode == 0, _publish.ToString());
        using (var file = File.OpenRead(Path.Combine(PublishDirectory, "Serverless.Functions.dll")))
        using (var image = new PEReader(file))
        {
            Assert.Equal(LinuxX64ReadyToRun, image.PEHeaders.CoffHeader.Machine);
            Assert.True(
                image.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0,
                "Serverless.Functions.dll has no ReadyToRun header: it was published as IL only.");
        }

        // Flex Consumption brings .NET itself (functionAppConfig.runtime).
        Assert.False(File.Exists(Path.Combine(PublishDirectory, "System.Private.CoreLib.dll")), _publish.Tail());
        Assert.True(File.Exists(Path.Combine(PublishDirectory, "functions.metadata")), _publish.Tail());
    }
}
