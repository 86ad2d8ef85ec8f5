namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// infra/aws/deploy.sh, run for real with bash against a stand-in CDK CLI (CDK_CLI): no AWS account is reachable
/// here, so a small script records every call; the tests pin the script's side of the CLI contract.
/// </summary>
public sealed class AwsDeployScriptTests : IDisposable
{
    private const string FakeCdk = """
        #!/usr/bin/env bash
        # Stand-in for the CDK CLI: records its folder and arguments, writes the outputs file a deploy asks for.
        printf '%s|%s\n' "$PWD" "$*" >> "$FAKE_CDK_LOG"
        prev=""
        for arg in "$@"; do
          if [ "$prev" = "--outputs-file" ]; then echo '{"ServerlessOrders":{"ApiUrl":"https://fake"}}' > "$arg"; fi
          prev="$arg"
        done
        exit 0
        """;

    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "serverless-infra-tests",
        "aws-deploy-" + Guid.NewGuid().ToString("N"));

    public AwsDeployScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "bootstrap-dir"));
        File.WriteAllText(Path.Combine(_directory, "bootstrap-dir", "bootstrap"), "stand-in");
        File.WriteAllText(Cdk, FakeCdk.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(Cdk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Script => Path.Combine(CdkCli.AppDirectory, "deploy.sh");

    private string Cdk => Path.Combine(_directory, "cdk");

    private string BootstrapDirectory => Path.Combine(_directory, "bootstrap-dir");

    private IReadOnlyList<string> CdkCalls =>
        File.Exists(Log) ? File.ReadAllLines(Log).Select(l => l.Split('|', 2)[1]).ToList() : [];

    private string Log => Path.Combine(_directory, "cdk.log");

    [Fact]
    public async Task Help_documents_the_dry_run_and_the_region()
    {
        var result = await RunAsync(["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--dry-run", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--region", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(CdkCalls);
    }

    [Theory]
    [InlineData("--account", "123456789012")]
    [InlineData("--arch", "sparc")]
    [InlineData("--bogus", "x")]
    public async Task Missing_region_or_bad_options_fail_with_exit_2_before_calling_cdk(string option, string value)
    {
        var result = await RunAsync([option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(CdkCalls);
    }

    [Fact]
    public async Task Dry_run_only_synthesizes_with_a_dummy_account_and_a_placeholder_bootstrap()
    {
        var result = await RunAsync(["--dry-run"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(CdkCalls);
        Assert.StartsWith("synth ", call, StringComparison.Ordinal);
        Assert.Contains("-c account=123456789012", call, StringComparison.Ordinal);
        Assert.Contains("-c region=us-east-1", call, StringComparison.Ordinal);
        Assert.Contains("-c architecture=x86_64", call, StringComparison.Ordinal);
        Assert.Contains("-c bootstrapDir=", call, StringComparison.Ordinal);
        Assert.Equal(CdkCli.AppDirectory, File.ReadAllLines(Log).Single().Split('|')[0]);
    }

    [Fact]
    public async Task Deploy_of_a_ready_bootstrap_runs_cdk_deploy_in_the_region_without_publishing()
    {
        var result = await RunAsync(
            ["--region", "eu-west-1", "--arch", "arm64", "--prefix", "shop", "--bootstrap-dir", BootstrapDirectory]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var call = Assert.Single(CdkCalls);
        Assert.StartsWith("deploy ", call, StringComparison.Ordinal);
        Assert.Contains("-c region=eu-west-1", call, StringComparison.Ordinal);
        Assert.Contains("-c architecture=arm64", call, StringComparison.Ordinal);
        Assert.Contains("-c queuePrefix=shop", call, StringComparison.Ordinal);
        Assert.Contains($"-c bootstrapDir={BootstrapDirectory}", call, StringComparison.Ordinal);
        Assert.Contains("--require-approval broadening", call, StringComparison.Ordinal);
        Assert.Contains("https://fake", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bootstrap_dir_without_a_bootstrap_file_is_refused()
    {
        var result = await RunAsync(["--dry-run", "--bootstrap-dir", _directory]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no file 'bootstrap'", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(CdkCalls);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is only disk space.
        }
    }

    private Task<ProcessResult> RunAsync(string[] arguments) =>
        ChildProcess.RunAsync("/bin/bash", _directory, [Script, .. arguments], new Dictionary<string, string?>
        {
            ["CDK_CLI"] = Cdk,
            ["FAKE_CDK_LOG"] = Log,
        });
}
