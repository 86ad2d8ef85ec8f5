namespace Serverless.Infra.Tests;

/// <summary>
/// infra/deploy.sh, run for real with bash against a stand-in <c>az</c>. Mock: the Azure CLI cannot run here (no cloud,
/// and it is not installed), so a small script in its place records every call and answers the few queries the
/// deploy script makes; the tests pin the script's side of the az command contract. The replay check is a stand-in
/// too (<c>REPLAY_CHECK</c>): with no live task hub to read, what is pinned is when the script runs it, with what,
/// and what it does with its exit code (the check itself is tested in DurableFunctionsReplayCheckTests).
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private const string FakeAz = """
        #!/usr/bin/env bash
        # Stand-in for the Azure CLI: records the call (and AZURE_ENV_NAME), answers the queries deploy.sh makes.
        printf '%s|%s\n' "${AZURE_ENV_NAME:-}" "$*" >> "$FAKE_AZ_LOG"
        case "$*" in
          "functionapp deployment source config-zip"*)
            # The first FAKE_ZIP_FAILURES uploads fail with FAKE_ZIP_ERROR, as storage refuses them.
            count=$(( $(cat "$FAKE_AZ_LOG.zips" 2>/dev/null || echo 0) + 1 ))
            echo "$count" > "$FAKE_AZ_LOG.zips"
            if [ "$count" -le "${FAKE_ZIP_FAILURES:-0}" ]; then echo "$FAKE_ZIP_ERROR" >&2; exit 1; fi ;;
          "group exists"*) echo "${FAKE_GROUP_EXISTS:-false}" ;;
          *AZURE_FUNCTION_APP_NAME*) echo "func-fake" ;;
          *AZURE_FUNCTION_APP_URL*) echo "https://func-fake.azurewebsites.net" ;;
          *AZURE_STORAGE_ACCOUNT_NAME*) echo "stfake" ;;
          *AZURE_TASK_HUB_NAME*) echo "orders" ;;
        esac
        exit 0
        """;

    private const string FakeReplayCheck = """
        #!/usr/bin/env bash
        # Stand-in for the host's replay check: recorded in az's log (so the order of calls shows), exits as told.
        printf '%s|host account=%s %s\n' "${AZURE_ENV_NAME:-}" "${AzureWebJobsStorage__accountName:-}" "$*" \
          >> "$FAKE_AZ_LOG"
        exit "${FAKE_REPLAY_EXIT:-0}"
        """;

    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "serverless-infra-tests",
        "deploy-" + Guid.NewGuid().ToString("N"));

    public DeployScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "bin"));
        var az = Path.Combine(_directory, "bin", "az");
        File.WriteAllText(az, FakeAz.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(ReplayCheck, FakeReplayCheck.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(ReplayCheck, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string ReplayCheck => Path.Combine(_directory, "bin", "fake-replay-check");

    private static string Script => Path.Combine(CompiledInfra.InfraDirectory, "deploy.sh");

    private string Log => Path.Combine(_directory, "az.log");

    private IReadOnlyList<string> AzCalls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    [Fact]
    public async Task Help_documents_what_if()
    {
        var result = await RunAsync(["--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--what-if", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--resource-group", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(AzCalls);
    }

    [Theory]
    [InlineData("--location", "westeurope")]
    [InlineData("--resource-group", "rg-orders")]
    [InlineData("--bogus", "x")]
    public async Task Missing_or_unknown_options_fail_with_usage_before_calling_az(string option, string value)
    {
        var result = await RunAsync([option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Usage:", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(AzCalls);
    }

    [Fact]
    public async Task What_if_previews_the_template_and_changes_nothing()
    {
        var result = await RunAsync(
            ["--resource-group", "rg-orders", "--location", "westeurope", "--what-if"],
            groupExists: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        var whatIf = Assert.Single(AzCalls, c => c.Contains("deployment group what-if", StringComparison.Ordinal));
        Assert.Contains("--resource-group rg-orders", whatIf, StringComparison.Ordinal);
        Assert.Contains($"--template-file {CompiledInfra.InfraDirectory}/main.bicep", whatIf, StringComparison.Ordinal);
        Assert.Contains(
            $"--parameters {CompiledInfra.InfraDirectory}/main.bicepparam",
            whatIf,
            StringComparison.Ordinal);
        AssertNothingChanged();
    }

    [Fact]
    public async Task What_if_on_a_missing_group_says_so_and_changes_nothing()
    {
        var result = await RunAsync(["-g", "rg-new", "-l", "westeurope", "--what-if"], groupExists: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("does not exist", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(AzCalls, c => c.Contains("what-if", StringComparison.Ordinal));
        AssertNothingChanged();
    }

    [Fact]
    public async Task Deploy_creates_the_group_deploys_the_template_then_zip_deploys_the_package_to_the_app_it_created()
    {
        var package = Path.Combine(_directory, "app.zip");
        await File.WriteAllTextAsync(package, "stand-in package: only its path matters to the stand-in az");

        var result = await RunAsync([
            "--resource-group",
            "rg-orders",
            "--location",
            "westeurope",
            "--env",
            "orders-test",
            "--package",
            package]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = AzCalls.Select(c => c.Split('|', 2)).ToList();
        Assert.All(calls.Skip(1), c => Assert.Equal("orders-test", c[0])); // main.bicepparam reads AZURE_ENV_NAME
        var commands = calls.Select(c => c[1]).ToList();
        var group = commands.FindIndex(c => c.StartsWith(
            "group create --name rg-orders --location westeurope",
            StringComparison.Ordinal));
        var deploy = commands.FindIndex(c => c.StartsWith(
            "deployment group create --resource-group rg-orders",
            StringComparison.Ordinal));
        var zip = commands.FindIndex(c => c.StartsWith(
            "functionapp deployment source config-zip",
            StringComparison.Ordinal));
        var check = commands.FindIndex(c => c.StartsWith("host ", StringComparison.Ordinal));
        Assert.True(group >= 0 && deploy > group && check > deploy && zip > check, string.Join('\n', commands));
        Assert.Equal("host account=stfake replay-check --task-hub orders", commands[check]);
        Assert.Contains(
            $"--template-file {CompiledInfra.InfraDirectory}/main.bicep --parameters " +
                $"{CompiledInfra.InfraDirectory}/main.bicepparam",
            commands[deploy],
            StringComparison.Ordinal);
        Assert.Equal(
            $"functionapp deployment source config-zip --resource-group rg-orders --name func-fake --src {package}",
            commands[zip]);
        Assert.Contains("https://func-fake.azurewebsites.net", result.StandardOutput, StringComparison.Ordinal);
    }

    // What az prints when the deployment container refuses the caller (its role not yet propagated).
    private const string Forbidden =
        "ERROR: (AuthorizationPermissionMismatch) This request is not authorized to perform this operation using " +
            "this permission. Status: 403 (This request is not authorized to perform this operation using this " +
            "permission.)";

    [Fact]
    public async Task A_zip_deploy_refused_with_403_while_the_roles_propagate_is_retried_until_it_succeeds()
    {
        var result = await DeployPackageAsync(failures: 2, Forbidden);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, ZipDeploys);
        Assert.Contains("retrying", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_deploy_refused_with_403_gives_up_after_the_bounded_attempts()
    {
        var result = await DeployPackageAsync(failures: 100, Forbidden);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(8, ZipDeploys);
        Assert.Contains("after 8 attempts", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_deploy_failing_otherwise_is_not_retried()
    {
        var result = await DeployPackageAsync(
            failures: 100,
            "ERROR: (ResourceNotFound) The Resource 'Microsoft.Web/sites/func-fake' was not found.");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(1, ZipDeploys);
        Assert.Contains("ResourceNotFound", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_check_that_finds_failing_instances_stops_the_deploy_before_the_code_is_switched()
    {
        var result = await DeployPackageAsync(failures: 0, error: "", replayExit: 2);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(AzCalls, c => c.Contains("|host ", StringComparison.Ordinal));
        Assert.Equal(0, ZipDeploys);
        Assert.Contains("stopped before deploying code", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_check_that_cannot_read_the_task_hub_stops_the_deploy_too()
    {
        var result = await DeployPackageAsync(failures: 0, error: "", replayExit: 1);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(0, ZipDeploys);
    }

    [Fact]
    public async Task With_allow_replay_failures_a_failing_check_is_reported_and_the_code_deployed()
    {
        var result = await DeployPackageAsync(failures: 0, error: "", replayExit: 2, "--allow-replay-failures");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(AzCalls, c => c.Contains("|host ", StringComparison.Ordinal));
        Assert.Equal(1, ZipDeploys);
        Assert.Contains("deploying anyway", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_infrastructure_only_deploy_runs_no_replay_check()
    {
        var result = await RunAsync(["-g", "rg-orders", "-l", "westeurope", "--skip-app"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(AzCalls, c => c.Contains("|host ", StringComparison.Ordinal));
        Assert.Equal(0, ZipDeploys);
    }

    [Fact]
    public async Task Without_az_on_the_path_the_script_says_what_is_missing()
    {
        // Only what the script needs before its az check: no az anywhere on PATH.
        var tools = Path.Combine(_directory, "tools");
        Directory.CreateDirectory(tools);
        foreach (var tool in new[] { "dirname", "date" })
        {
            File.CreateSymbolicLink(Path.Combine(tools, tool), Which(tool));
        }

        var result = await ChildProcess.RunAsync("/bin/bash", _directory, [Script, "-g", "rg", "-l", "westeurope"],
            new Dictionary<string, string?> { ["PATH"] = tools });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Azure CLI (az) is not on PATH", result.StandardError, StringComparison.Ordinal);
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

    private void AssertNothingChanged() =>
        Assert.DoesNotContain(AzCalls, c =>
            c.Contains("create", StringComparison.Ordinal)
                || c.Contains("config-zip", StringComparison.Ordinal)
                || c.Contains("delete", StringComparison.Ordinal));

    private int ZipDeploys => AzCalls.Count(c => c.Contains("config-zip", StringComparison.Ordinal));

    // A deploy of a ready package whose first uploads fail with error; no back-off delay, so nothing is waited for.
    private async Task<ProcessResult> DeployPackageAsync(
        int failures,
        string error,
        int replayExit = 0,
        params string[] options)
    {
        var package = Path.Combine(_directory, "app.zip");
        await File.WriteAllTextAsync(package, "stand-in package");
        return await RunAsync(
            ["-g", "rg-orders", "-l", "westeurope", "--package", package, .. options],
            extra: new Dictionary<string, string?>
            {
                ["FAKE_ZIP_FAILURES"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["FAKE_ZIP_ERROR"] = error,
                ["FAKE_REPLAY_EXIT"] = replayExit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["DEPLOY_ZIP_FIRST_DELAY"] = "0",
            });
    }

    private Task<ProcessResult> RunAsync(
        string[] arguments,
        bool groupExists = false,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = $"{Path.Combine(_directory, "bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAKE_AZ_LOG"] = Log,
            ["FAKE_GROUP_EXISTS"] = groupExists ? "true" : "false",
            ["AZURE_ENV_NAME"] = null,
            ["DEPLOY_ZIP_ATTEMPTS"] = null,
            ["REPLAY_CHECK"] = ReplayCheck,
            ["REPLAY_CHECK_ALLOW_FAILURES"] = null,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ChildProcess.RunAsync("/bin/bash", _directory, [Script, .. arguments], environment);
    }

    private static string Which(string tool) =>
        new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);
}
