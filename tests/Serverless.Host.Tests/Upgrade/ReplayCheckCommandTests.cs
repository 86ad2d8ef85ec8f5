using Microsoft.Data.Sqlite;

namespace Serverless.Host.Tests.Upgrade;

/// <summary>
/// <c>Serverless.Host replay-check</c>, the real process on a copy of <c>pre-upgrade.sqlite</c> (four orders in flight
/// from an earlier release): it replays them with this build's saga, and names the one whose recorded history was
/// edited as a breaking change would have it, with the first recorded event the code parts from.
/// </summary>
[Trait(Tier.Trait, Tier.Process)]
public sealed class ReplayCheckCommandTests
{
    private const string EditedOrder = "ord-5ec696c70823618aaa574390d3471aec";

    [Fact]
    public async Task The_orders_an_earlier_release_left_in_flight_all_replay()
    {
        using var directory = new TempDirectory("replay-check");
        SeedPreUpgradeData(directory);

        var result = await RunReplayCheckAsync(directory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("4 in-flight instances replayed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("all replay", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_the_saga_no_longer_replays_is_named_with_its_first_diverging_event_and_fails_the_check()
    {
        using var directory = new TempDirectory("replay-check-edited");
        var database = SeedPreUpgradeData(directory);
        // As if the release that recorded it had called the charge activity by another name.
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = "UPDATE entities SET properties = replace(properties, 'ChargePayment', " +
                "'ChargePaymentV2') WHERE pk = $pk AND rk LIKE 'history:%:0000000003';";
            command.Parameters.AddWithValue("$pk", EditedOrder);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await RunReplayCheckAsync(directory);

        Assert.True(result.ExitCode == 2, result.ToString());
        var failure = Assert.Single(
            result.StandardOutput.Split('\n'),
            line => line.StartsWith("FAIL ", StringComparison.Ordinal));
        Assert.StartsWith(
            $"FAIL {EditedOrder} (PlaceOrder) at history event 8 (TaskScheduled 2 ChargePaymentV2): ",
            failure,
            StringComparison.Ordinal);
        Assert.Contains("4 in-flight instances replayed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 would fail", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--task-hub", "1orders", null, "--task-hub needs a Durable Functions task hub name")]
    [InlineData("--task-hub", "", null, "--task-hub needs a Durable Functions task hub name")]
    [InlineData("--task-hub", "orders", null, "AzureWebJobsStorage, which is not set")]
    [InlineData("--task-hub", "orders", "not a connection string", "AzureWebJobsStorage")]
    public async Task A_bad_or_missing_task_hub_setting_is_one_line_naming_it_and_exit_78(
        string option,
        string value,
        string? connection,
        string named)
    {
        using var directory = new TempDirectory("replay-check-settings");

        var start = ChildProcess.StartInfo(
            "dotnet",
            directory.Path,
            Path.Combine(AppContext.BaseDirectory, "Serverless.Host.dll"),
            "replay-check",
            "--data-dir",
            Path.Combine(directory.Path, "data"),
            option,
            value);
        start.Environment.Remove("AzureWebJobsStorage");
        if (connection is not null)
        {
            start.Environment["AzureWebJobsStorage"] = connection;
        }

        var result = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 78, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    private static string SeedPreUpgradeData(TempDirectory directory)
    {
        var data = Directory.CreateDirectory(Path.Combine(directory.Path, "data")).FullName;
        var database = Path.Combine(data, EmbeddedDatabaseFile.FileName);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Upgrade", "pre-upgrade.sqlite"), database);
        return database;
    }

    private static Task<ProcessResult> RunReplayCheckAsync(TempDirectory directory) => ChildProcess.RunAsync(
        ChildProcess.StartInfo(
            "dotnet",
            directory.Path,
            [
                Path.Combine(AppContext.BaseDirectory, "Serverless.Host.dll"),
                "replay-check",
                "--data-dir", Path.Combine(directory.Path, "data"),
            ]),
        TimeSpan.FromSeconds(60));
}
