using System.Text.Json.Nodes;
using Serverless.Orders.Payments;
using Serverless.Orders.Tests.Support;

namespace Serverless.Orders.Tests.Saga;

/// <summary>
/// The golden histories of saga version 2.0 (Saga/Golden, <c>h-</c> and <c>i-</c>) are what recording their scenario
/// today gives, so they pin v2's decisions as the older ones pin v1's. To re-record them (only when v2's own logic is
/// meant to change, which in-flight v2 orders forbid), set <c>SERVERLESS_GOLDEN_RECORD</c> to the Golden folder and run
/// this test: it writes both files there before comparing.
/// </summary>
public sealed class GoldenRecordingTests
{
    public static TheoryData<string, string, string, int, decimal> VersionTwoScenarios() => new()
    {
        {
            "h-v2-screened-confirmed",
            "Version 2.0, tok_visa, 2 x 300.00 = 600.00: above the screen threshold (500.00), screened and passed, " +
                "below the approval threshold, confirmed.",
            TestTokens.Visa, 2, 300.00m
        },
        {
            "i-v2-screen-refused",
            "Version 2.0, tok_risky, 2 x 300.00 = 600.00: screened and refused; stock released, nothing charged, " +
                "cancelled.",
            TestTokens.HighRisk, 2, 300.00m
        },
    };

    [Theory]
    [MemberData(nameof(VersionTwoScenarios))]
    public async Task Recording_a_version_two_scenario_today_gives_its_golden_files(
        string scenario,
        string description,
        string token,
        int quantity,
        decimal unitPrice)
    {
        var (history, scenarioFile) = await GoldenRecorder.RecordAsync(
            scenario,
            description,
            "2.0",
            token,
            quantity,
            unitPrice);
        if (Environment.GetEnvironmentVariable("SERVERLESS_GOLDEN_RECORD") is { Length: > 0 } folder)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, scenario + ".history.json"), history);
            await File.WriteAllTextAsync(Path.Combine(folder, scenario + ".scenario.json"), scenarioFile);
        }

        var golden = Path.Combine(SagaReplayer.GoldenDirectory, scenario);
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse(await File.ReadAllTextAsync(golden + ".history.json")),
                JsonNode.Parse(history)),
            $"{scenario}: recorded today\n{history}");
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse(await File.ReadAllTextAsync(golden + ".scenario.json")),
                JsonNode.Parse(scenarioFile)),
            $"{scenario}: recorded today\n{scenarioFile}");
    }
}
