using Serverless.Durable.Tests.Support;

namespace Serverless.Durable.Tests;

public sealed class ReferenceTests
{
    [Fact]
    public void An_activity_reference_reads_its_contracts_on_first_use_and_then_remembers_them()
    {
        var reads = 0;
        var activity = new ActivityRef<string, int>("Count", () => { reads++; return TestJsonContext.Default.String; }, () => TestJsonContext.Default.Int32);

        Assert.Equal(0, reads);
        Assert.Same(TestJsonContext.Default.String, activity.Input);
        Assert.Same(activity.Input, activity.Input);
        Assert.Equal(1, reads);
    }

    [Fact]
    public void An_orchestrator_reference_reads_its_contracts_on_first_use_and_then_remembers_them()
    {
        var reads = 0;
        var orchestrator = new OrchestratorRef<int, string>("Render", () => TestJsonContext.Default.Int32, () => { reads++; return TestJsonContext.Default.String; });

        Assert.Equal(0, reads);
        Assert.Same(TestJsonContext.Default.String, orchestrator.Output);
        Assert.Same(orchestrator.Output, orchestrator.Output);
        Assert.Equal(1, reads);
    }
}
