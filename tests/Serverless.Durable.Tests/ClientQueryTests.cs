using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

/// <summary>Listing and purging many instances through the SDK client.</summary>
public sealed class ClientQueryTests
{
    private const string Quick = "Quick";
    private const string Waiting = "Waiting";

    [Fact]
    public async Task Listing_filters_by_status_and_pages_through_every_match_once_with_continuation_tokens()
    {
        using var hub = ClientTests.CreateHub();
        for (var i = 0; i < 7; i++)
        {
            await hub.StartAsync(Waiting, "", $"waiting-{i}");
        }

        for (var i = 0; i < 3; i++)
        {
            await hub.StartAsync(Quick, "", $"quick-{i}");
        }

        await hub.RunUntilIdleAsync();

        var pages = new List<IReadOnlyList<string>>();
        await foreach (var page in hub.Client.GetAllInstancesAsync(
            new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 3 }).AsPages())
        {
            pages.Add(page.Values.Select(i => i.InstanceId).ToList());
        }

        var seen = pages.SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"waiting-{i}"), seen.Order(StringComparer.Ordinal));
        Assert.All(pages, p => Assert.True(p.Count <= 3));
        Assert.True(pages.Count >= 3, $"7 matches in pages of 3 take at least 3 pages, got {pages.Count}");
    }

    [Fact]
    public async Task Listing_resumes_from_a_continuation_token_without_repeating_or_skipping_an_instance()
    {
        using var hub = ClientTests.CreateHub();
        for (var i = 0; i < 5; i++)
        {
            await hub.StartAsync(Waiting, "", $"waiting-{i}");
        }

        var query = new OrchestrationQuery { PageSize = 2 };
        string? token = null;
        await foreach (var page in hub.Client.GetAllInstancesAsync(query).AsPages())
        {
            token = page.ContinuationToken;
            break;
        }

        var all = await ListAsync(hub, query);
        var rest = new List<string>();
        await foreach (var page in hub.Client.GetAllInstancesAsync(query).AsPages(token))
        {
            rest.AddRange(page.Values.Select(i => i.InstanceId));
        }

        Assert.NotNull(token);
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Select(i => i.InstanceId).Skip(2), rest);
    }

    [Fact]
    public async Task Listing_filters_by_several_statuses_and_an_instance_id_prefix()
    {
        using var hub = ClientTests.CreateHub();
        await hub.StartAsync(Waiting, "", "order-waiting");
        await hub.StartAsync(Quick, "", "order-quick-1");
        await hub.StartAsync(Quick, "", "order-quick-2");
        await hub.StartAsync(Quick, "", "other-quick");
        await hub.RunUntilIdleAsync();

        var finished = await ListAsync(hub, new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed],
            InstanceIdPrefix = "order-",
            FetchInputsAndOutputs = true,
        });

        Assert.Equal(
            ["order-quick-1", "order-quick-2"],
            finished.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(finished, i => Assert.Equal("\"\"", i.SerializedOutput));
    }

    [Fact]
    public async Task Listing_filters_by_creation_time()
    {
        using var hub = ClientTests.CreateHub();
        await hub.StartAsync(Waiting, "", "early");
        hub.Time.Advance(TimeSpan.FromHours(1));
        var cutoff = hub.Time.GetUtcNow();
        await hub.StartAsync(Waiting, "", "late");

        var result = await ListAsync(hub, new OrchestrationQuery { CreatedFrom = cutoff });

        Assert.Equal(["late"], result.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Purging_all_instances_purges_only_finished_ones_created_in_the_range_and_returns_the_count()
    {
        using var hub = ClientTests.CreateHub();
        await hub.StartAsync(Quick, "", "old-done");
        await hub.RunUntilIdleAsync();
        hub.Time.Advance(TimeSpan.FromHours(1));
        var from = hub.Time.GetUtcNow();
        await hub.StartAsync(Quick, "", "new-done");
        await hub.StartAsync(Waiting, "", "new-terminated");
        await hub.StartAsync(Waiting, "", "new-running");
        await hub.RunUntilIdleAsync();
        await hub.Client.TerminateInstanceAsync("new-terminated");
        await hub.RunUntilIdleAsync();

        var purged = await hub.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(
            from,
            from + TimeSpan.FromHours(1)));

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync("new-done"));
        Assert.Null(await hub.Client.GetInstanceAsync("new-terminated"));
        Assert.NotNull(await hub.Client.GetInstanceAsync("new-running"));
        Assert.NotNull(await hub.Client.GetInstanceAsync("old-done"));
    }

    [Fact]
    public async Task Purging_all_instances_of_a_given_status_leaves_other_finished_ones()
    {
        using var hub = ClientTests.CreateHub();
        await hub.StartAsync(Quick, "", "done");
        await hub.StartAsync(Waiting, "", "terminated");
        await hub.RunUntilIdleAsync();
        await hub.Client.TerminateInstanceAsync("terminated");
        await hub.RunUntilIdleAsync();

        var terminated = new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Terminated]);
        var purged = await hub.Client.PurgeAllInstancesAsync(terminated);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync("terminated"));
        Assert.NotNull(await hub.Client.GetInstanceAsync("done"));
    }

    private static async Task<List<OrchestrationMetadata>> ListAsync(TestHub hub, OrchestrationQuery query)
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in hub.Client.GetAllInstancesAsync(query))
        {
            all.Add(instance);
        }

        return all;
    }
}
