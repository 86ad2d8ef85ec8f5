using Microsoft.Azure.Functions.Worker;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// A minimal FunctionContext: no Functions host runs here, so the tests make the one the activity functions read (the
/// orchestration's instance id in the binding data) themselves. A stand-in, said so where used.
/// </summary>
public sealed class TestFunctionContext(string instanceId, IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => "test";

    public override TraceContext TraceContext => null!;

    public override BindingContext BindingContext { get; } = new Binding(instanceId);

    public override RetryContext RetryContext => null!;

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => null!;

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => null!;

    private sealed class Binding(string instanceId) : BindingContext
    {
        public override IReadOnlyDictionary<string,
        object?> BindingData { get; } = new Dictionary<string,
        object?> { ["instanceId"] = instanceId };
    }
}
