namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// infra/aws/deploy.sh, run for real with bash against a stand-in CDK CLI (CDK_CLI): no AWS account is reachable
/// here, so a small script records every call; the tests pin the script's side of the CLI contract. The replay check is
/// a stand-in too (<c>REPLAY_CHECK</c>), recorded in the same log: with no DynamoDB table to read, what is pinned is
/// that it runs before <c>cdk deploy</c> against the stack's table and that its exit code decides the deploy.
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

    private const string FakeReplayCheck = """
        #!/usr/bin/env bash
        # Stand-in for the host's replay check: recorded in the CDK log (so the order of calls shows), exits as told.
        printf '%s|host table=%s prefix=%s region=%s %s\n' "$PWD" "${Serverless__Aws__TableName:-}" \
          "${Serverless__Aws__QueuePrefix:-}" "${Serverless__Aws__Region:-}" "$*" >> "$FAKE_CDK_LOG"
        exit "${FAKE_REPLAY_EXIT:-0}"
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
        File.WriteAllText(ReplayCheck, FakeReplayCheck.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(ReplayCheck, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string ReplayCheck => Path.Combine(_directory, "replay-check");

    private static string Script => Path.Combine(CdkCli.AppDirectory, "deploy.sh");

    private string Cdk => Path.Combine(_directory, "cdk");

    private string BootstrapDirectory => Path.Combine(_directory, "bootstrap-dir");

    private List<string> CdkCalls =>
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
        Assert.Equal(2, CdkCalls.Count);
        Assert.Equal("host table=serverless prefix=shop region=eu-west-1 replay-check", CdkCalls[0]);
        var call = CdkCalls[1];
        Assert.StartsWith("deploy ", call, StringComparison.Ordinal);
        Assert.Contains("-c region=eu-west-1", call, StringComparison.Ordinal);
        Assert.Contains("-c architecture=arm64", call, StringComparison.Ordinal);
        Assert.Contains("-c queuePrefix=shop", call, StringComparison.Ordinal);
        Assert.Contains($"-c bootstrapDir={BootstrapDirectory}", call, StringComparison.Ordinal);
        Assert.Contains("--require-approval broadening", call, StringComparison.Ordinal);
        Assert.Contains("https://fake", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_check_that_finds_failing_instances_stops_the_deploy_before_cdk_deploy()
    {
        var result = await RunAsync(["--region", "eu-west-1", "--bootstrap-dir", BootstrapDirectory], replayExit: 2);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("host ", Assert.Single(CdkCalls), StringComparison.Ordinal);
        Assert.Contains("stopped before deploying code", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_allow_replay_failures_a_failing_check_is_reported_and_the_stack_deployed()
    {
        var result = await RunAsync(
            ["--region", "eu-west-1", "--bootstrap-dir", BootstrapDirectory, "--allow-replay-failures"],
            replayExit: 1);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["host", "deploy"], CdkCalls.Select(c => c.Split(' ')[0]));
        Assert.Contains("deploying anyway", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_runs_no_replay_check()
    {
        var result = await RunAsync(["--dry-run"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(CdkCalls, c => c.StartsWith("host ", StringComparison.Ordinal));
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

    private Task<ProcessResult> RunAsync(string[] arguments, int replayExit = 0) =>
        ChildProcess.RunAsync("/bin/bash", _directory, [Script, .. arguments], new Dictionary<string, string?>
        {
            ["CDK_CLI"] = Cdk,
            ["FAKE_CDK_LOG"] = Log,
            ["REPLAY_CHECK"] = ReplayCheck,
            ["FAKE_REPLAY_EXIT"] = replayExit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["REPLAY_CHECK_ALLOW_FAILURES"] = null,
        });
}
