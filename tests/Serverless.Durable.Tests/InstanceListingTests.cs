using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>
/// Filtered instance listings fill their pages on every backend: the filters run in the store, not on a page of rows
/// already read (issue 19: one running instance on page 7 of 9 of empty pages).
/// </summary>
public abstract class InstanceListingTests
{
    private const string Quick = "Quick";
    private const string Waiting = "Waiting";

    [Fact]
    public async Task A_listing_of_two_statuses_finds_the_matches_behind_many_others_on_its_first_page()
    {
        using var hub = CreateHub();
        for (var i = 0; i < 17; i++)
        {
            await hub.StartAsync(Quick, "", $"a-done-{i:D2}");
        }

        await hub.StartAsync(Waiting, "", "b-running");
        await hub.RunUntilIdleAsync();
        await hub.StartAsync(Waiting, "", "c-pending");

        var page = await FirstPageAsync(hub, new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            PageSize = 2,
        });

        Assert.Equal(["b-running", "c-pending"], page.Values.Select(i => i.InstanceId));
        Assert.Equal(
            [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            page.Values.Select(i => i.RuntimeStatus));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task A_listing_by_instance_id_prefix_fills_each_page_and_resumes_after_its_last_instance()
    {
        using var hub = CreateHub();
        for (var i = 0; i < 6; i++)
        {
            await hub.StartAsync(Waiting, "", $"audit-{i}");
        }

        for (var i = 0; i < 3; i++)
        {
            await hub.StartAsync(Waiting, "", $"order-{i}");
        }

        var query = new OrchestrationQuery { InstanceIdPrefix = "order-", PageSize = 2 };
        var first = await FirstPageAsync(hub, query);
        var second = await FirstPageAsync(hub, query with { ContinuationToken = first.ContinuationToken });

        Assert.Equal(["order-0", "order-1"], first.Values.Select(i => i.InstanceId));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["order-2"], second.Values.Select(i => i.InstanceId));
        Assert.Null(second.ContinuationToken);
    }

    private protected abstract TestHub CreateHub(Action<DurableTaskRegistry> register);

    private TestHub CreateHub() => CreateHub(registry => registry
        .AddActivityFunc<string, string>("Echo", (_, s) => s)
        .AddOrchestratorFunc<string, string>(Quick, (ctx, input) => ctx.CallActivityAsync<string>("Echo", input))
        .AddOrchestratorFunc<string, string>(Waiting, (ctx, _) => ctx.WaitForExternalEvent<string>("never")));

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(TestHub hub, OrchestrationQuery query)
    {
        await foreach (var page in hub.Client.GetAllInstancesAsync(query).AsPages())
        {
            return page;
        }

        throw new InvalidOperationException("A listing has at least one page.");
    }
}
