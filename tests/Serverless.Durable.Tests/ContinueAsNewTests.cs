using DurableTask.Core.History;
using Microsoft.DurableTask;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>Which events an execution hands to the next one when it continues as new.</summary>
public sealed class ContinueAsNewTests
{
    private const string KeepOrDrop = "KeepOrDrop";

    /// <summary>
    /// Round one waits for "go" and continues as new, keeping unconsumed events or not as its input says; round two
    /// reports the "extra" event it receives, or that none came.
    /// </summary>
    private static TestHub CreateHub() => new(registry => registry
        .AddOrchestratorFunc<string, string>(KeepOrDrop, async (ctx, input) =>
        {
            if (input == "next")
            {
                try
                {
                    return "carried: " + await ctx.WaitForExternalEvent<string>("extra", TimeSpan.FromMinutes(5));
                }
                catch (TaskCanceledException)
                {
                    return "nothing carried";
                }
            }

            await ctx.WaitForExternalEvent<string>("go");
            ctx.ContinueAsNew("next", preserveUnprocessedEvents: input == "keep");
            return "";
        }));

    [Theory]
    [InlineData("keep", "carried: early")]
    [InlineData("drop", "nothing carried")]
    public async Task Continue_as_new_carries_unconsumed_events_only_when_asked_to(string input, string expected)
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(KeepOrDrop, input);
        await hub.RunUntilIdleAsync();
        await hub.Client.RaiseEventAsync(id, "extra", "early");
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventAsync(id, "go", "now");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(expected, result.ReadOutputAs<string>());
        Assert.Equal("\"next\"", Assert.Single((await hub.HistoryAsync(id)).OfType<ExecutionStartedEvent>()).Input);
    }

    [Theory]
    [InlineData("keep", "carried: together")]
    [InlineData("drop", "nothing carried")]
    public async Task An_event_arriving_in_the_same_episode_after_continue_as_new_is_carried_only_when_asked_to(
        string input,
        string expected)
    {
        using var hub = CreateHub();
        var id = await hub.StartAsync(KeepOrDrop, input);
        await hub.RunUntilIdleAsync();

        await hub.Client.RaiseEventAsync(id, "go", "now");
        hub.Time.Advance(TimeSpan.FromMilliseconds(1));
        await hub.Client.RaiseEventAsync(id, "extra", "together");
        var result = await hub.RunToCompletionAsync(id);

        Assert.Equal(expected, result.ReadOutputAs<string>());
    }
}
