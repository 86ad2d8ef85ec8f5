using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Catalog.Tasks;

/// <summary>Returns its input: a scalar-input activity, and a way to carry a value through history.</summary>
internal sealed class EchoActivity : TaskActivity<string, string>
{
    public const string Name = "Echo";

    public static void Register(DurableTaskRegistry registry) => registry.AddActivity(Name, _ => new EchoActivity());

    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}
