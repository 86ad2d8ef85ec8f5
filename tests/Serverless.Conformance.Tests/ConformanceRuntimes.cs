namespace Serverless.Conformance.Tests;

/// <summary>The names of the runtimes the suite runs every scenario on (test data of every theory).</summary>
public static class ConformanceRuntimes
{
    /// <summary>The Durable Task SDK's replay over the in-memory backend: the reference.</summary>
    public const string SdkInMemory = "sdk-in-memory";

    /// <summary>The Durable Task SDK's replay over the Durable Functions Azure Storage backend (Azurite).</summary>
    public const string SdkAzureStorage = "sdk-azure-storage";

    /// <summary>Our engine (Serverless.Durable), the runtime of the Native AOT host.</summary>
    public const string Engine = "engine";

    /// <summary>Every runtime, as theory data.</summary>
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in ConformanceFixture.RuntimeNames)
            {
                data.Add(name);
            }

            return data;
        }
    }
}
