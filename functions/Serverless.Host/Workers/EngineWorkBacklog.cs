using Serverless.Durable.Engine;
using Serverless.Hosting.Http.Admission;

namespace Serverless.Host.Workers;

/// <summary>Admission control's view of the engine: how long new orchestrations wait to begin here.</summary>
internal sealed class EngineWorkBacklog(DurableTaskEngine engine) : IWorkBacklog
{
    public TimeSpan StartDelay => engine.StartDelays.Current;
}
