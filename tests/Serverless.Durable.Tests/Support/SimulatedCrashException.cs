namespace Serverless.Durable.Tests.Support;

/// <summary>Stands for the process dying at this storage call.</summary>
internal sealed class SimulatedCrashException() : Exception("Simulated crash.");
