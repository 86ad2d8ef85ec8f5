using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Serverless.Conformance.Tests.Scenarios;

namespace Serverless.Conformance.Tests.Runtimes;

/// <summary>A scenario's versions as the SDK's client and worker options (null: left as the SDK's defaults).</summary>
internal static class SdkVersioning
{
    public static Action<DurableTaskClientOptions>? Client(Scenario scenario)
        => scenario.Versioning?.ClientDefaultVersion is { } version
            ? options => options.DefaultVersion = version
            : null;

    public static Action<DurableTaskWorkerOptions>? Worker(Scenario scenario)
        => scenario.Versioning?.Worker is { } worker ? worker.ApplyTo : null;
}
