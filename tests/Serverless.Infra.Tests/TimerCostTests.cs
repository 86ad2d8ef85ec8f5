using System.Globalization;

namespace Serverless.Infra.Tests;

/// <summary>
/// The timers keep an idle app inside Flex Consumption's monthly free grant, so "nothing at rest" holds for compute:
/// every run of an on-demand instance is billed (an execution, and at least 1 s of the instance's memory), traffic or
/// not. The schedules are the template's defaults, evaluated second by second over a day.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class TimerCostTests(CompiledInfra infra)
{
    // Flex Consumption on demand, per subscription and month, when written (docs/azure.md, "What it costs at rest").
    private const double FreeGigabyteSeconds = 100_000;
    private const double FreeExecutions = 250_000;
    private const double MinimumBilledSeconds = 1;
    private const int DaysInMonth = 31;

    // PurgeHistory's fixed schedule (Serverless.Functions/Retention/PurgeHistoryFunction.cs).
    private const string PurgeHistorySchedule = "0 0 * * * *";

    [Fact]
    public void Reconciliation_schedule_is_an_app_setting_from_a_parameter_every_five_minutes_by_default()
    {
        Assert.Equal(
            "[parameters('reconciliationSchedule')]",
            (string?)infra.Main.ModuleArgument("functionApp", "appSettings")!["ReconcileOrdersSchedule"]);
        Assert.Equal("0 */5 * * * *", Default("reconciliationSchedule"));
    }

    [Fact]
    public void The_default_timers_of_an_idle_app_use_under_a_fifth_of_the_free_grant()
    {
        var runs = DaysInMonth * (RunsPerDay(Default("reconciliationSchedule")!) + RunsPerDay(PurgeHistorySchedule));
        var gigabytes = int.Parse(Default("instanceMemoryMB")!, CultureInfo.InvariantCulture) / 1024.0;

        Assert.Equal(DaysInMonth * (288 + 24), runs);
        Assert.InRange(runs * MinimumBilledSeconds * gigabytes, 0, FreeGigabyteSeconds / 5);
        Assert.InRange(runs, 0, FreeExecutions / 5);
    }

    [Fact]
    public void Every_thirty_seconds_would_use_the_whole_grant()
    {
        var runs = DaysInMonth * RunsPerDay("*/30 * * * * *");

        Assert.True(runs * MinimumBilledSeconds * 2 > FreeGigabyteSeconds, $"{runs} runs of 2 GB");
    }

    private string? Default(string parameter) =>
        infra.Main.Parameters[parameter]?["defaultValue"]?.ToString();

    // The seconds of a day a six-field CRON expression (second minute hour, then * * *) fires at.
    private static int RunsPerDay(string cron)
    {
        var fields = cron.Split(' ');
        Assert.Equal(6, fields.Length);
        Assert.All(fields[3..], f => Assert.Equal("*", f));
        var runs = 0;
        for (var second = 0; second < 86_400; second++)
        {
            if (Matches(fields[0], second % 60) && Matches(fields[1], second / 60 % 60)
                && Matches(fields[2], second / 3600))
            {
                runs++;
            }
        }

        return runs;
    }

    // One field: '*', 'n', 'a-b', each optionally '/step', comma-separated.
    private static bool Matches(string field, int value) =>
        field.Split(',').Any(part =>
        {
            var (range, step) = part.Split('/') is [var r, var s]
                ? (r, int.Parse(s, CultureInfo.InvariantCulture))
                : (part, 1);
            var (low, high) = range == "*" ? (0, int.MaxValue)
                : range.Split('-') is [var a, var b]
                    ? (int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture))
                    : (int.Parse(range, CultureInfo.InvariantCulture), int.Parse(range, CultureInfo.InvariantCulture));
            return value >= low && value <= high && (value - low) % step == 0;
        });
}
