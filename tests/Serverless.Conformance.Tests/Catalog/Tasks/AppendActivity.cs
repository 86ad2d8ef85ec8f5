using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Catalog.Tasks;

/// <summary>Appends a suffix: an activity with a record input (the SDK wraps it in a one-element array).</summary>
internal sealed class AppendActivity : TaskActivity<AppendRequest, string>
{
    public const string Name = "Append";

    public static void Register(DurableTaskRegistry registry) => registry.AddActivity(Name, _ => new AppendActivity());

    public override Task<string> RunAsync(TaskActivityContext context, AppendRequest input) =>
        Task.FromResult(input.Text + input.Suffix);
}
