using Microsoft.DurableTask.Client;
using Serverless.Conformance.Tests.Catalog;

namespace Serverless.Conformance.Tests.Behaviour;

[Collection(ConformanceCollection.Name)]
[Trait(Tier.Trait, Tier.Azurite)]
public sealed class ManagementTests(ConformanceFixture fixture)
{
    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Terminating_a_waiting_instance_ends_it_as_Terminated_with_the_given_output(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ManagementScenarios.TerminatedWhileWaiting);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, outcome.Status);
        Assert.Equal($"\"{ManagementScenarios.TerminationOutput}\"", outcome.OutputJson);
        Assert.Null(outcome.Failure);
        Outcomes.Scheduled(outcome);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Suspended_instance_shows_Suspended_and_completes_after_resume(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, ManagementScenarios.SuspendedAndResumed);

        Assert.Equal("approved by alice", Outcomes.CompletedWith<string>(outcome));
        Outcomes.Scheduled(outcome);
    }

    [Theory]
    [MemberData(nameof(ConformanceRuntimes.All), MemberType = typeof(ConformanceRuntimes))]
    public async Task Purge_by_window_and_status_deletes_a_finished_instance_once_keeping_a_running_one(string runtime)
    {
        var outcome = await fixture.OutcomeAsync(runtime, PurgeScenarios.PurgedOnceFinished);

        Assert.Equal("done", Outcomes.CompletedWith<string>(outcome));
        Assert.Equal(PurgeScenarios.Summary, outcome.AfterFinish);
    }
}
