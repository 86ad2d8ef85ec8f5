using Microsoft.DurableTask;

namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>
/// What one run of a scenario acts on besides the runtime: the state its tasks read and write (the order saga's
/// stores). Created fresh for every run, it registers the scenario's tasks over itself, and outlives the run so that
/// behaviour tests can read the end state it was left in.
/// </summary>
public interface IScenarioWorld : IAsyncDisposable
{
    /// <summary>Adds the scenario's orchestrators and activities, bound to this world.</summary>
    void Register(DurableTaskRegistry registry);
}
