using Serverless.Durable.Engine;
using Serverless.Hosting.Http.Admission;

namespace Serverless.Host.Workers;

/// <summary>Admission control's view of the engine: how long work waits to begin in this process.</summary>
internal sealed class EngineWorkBacklog(DurableTaskEngine engine) : IWorkBacklog
{
    public TimeSpan WorkDelay => engine.WorkDelays.Current;
}
