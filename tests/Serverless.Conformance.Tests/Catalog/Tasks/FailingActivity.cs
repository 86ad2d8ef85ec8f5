using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Catalog.Tasks;

/// <summary>
/// Always throws an <see cref="InvalidOperationException"/> (message = its input) wrapping an
/// <see cref="ArgumentException"/>.
/// </summary>
internal sealed class FailingActivity : TaskActivity<string, string>
{
    public const string Name = "Fail";

    public const string InnerMessage = "the token was rejected";

    public static void Register(DurableTaskRegistry registry) => registry.AddActivity(Name, _ => new FailingActivity());

    public override Task<string> RunAsync(TaskActivityContext context, string input)
        => throw new InvalidOperationException(input, new ArgumentException(InnerMessage));
}
