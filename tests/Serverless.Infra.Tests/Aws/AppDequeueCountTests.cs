using System.Text.Json.Nodes;
using Serverless.Workers.Queues;

namespace Serverless.Infra.Tests.Aws;

/// <summary>
/// The queue settings the stack takes from the app agree with every place the app sets them: the storage options'
/// default, the local pollers' default and host.json.
/// </summary>
public sealed class AppDequeueCountTests
{
    [Fact]
    public void The_max_dequeue_count_is_the_same_in_the_storage_options_the_pollers_and_host_json()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;

        Assert.Equal(AppQueues.MaxDequeueCount, new QueuePumpOptions().MaxDequeueCount);
        Assert.Equal(AppQueues.MaxDequeueCount, (int)hostJson["extensions"]!["queues"]!["maxDequeueCount"]!);
    }
}
