namespace Serverless.Host.Tests.Support;

/// <summary>Unique ids, so tests sharing a host never see each other's SKUs, customers or keys.</summary>
public static class TestIds
{
    public static string Sku(string purpose) => $"{purpose}-{Guid.NewGuid().ToString("N")[..12]}";

    public static string Customer(string purpose) => $"cust-{purpose}-{Guid.NewGuid().ToString("N")[..12]}";

    public static string IdempotencyKey(string purpose) => $"key-{purpose}-{Guid.NewGuid():N}";
}
