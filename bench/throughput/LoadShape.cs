using System.Globalization;

namespace Serverless.Bench.Throughput;

/// <summary>
/// How a run offers its orders: closed loop (<see cref="Clients"/> at a time) or open loop (<see cref="Rate"/> a
/// second).
/// </summary>
internal sealed record LoadShape(int Orders, int Clients, int? Rate)
{
    public static LoadShape Closed(int orders, int clients) => new(orders, clients, null);

    public static LoadShape Open(int rate, TimeSpan duration) => new((int)(rate * duration.TotalSeconds), 0, rate);

    public string Describe() => Rate is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"open {rate}/s × {Orders / (double)rate:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"closed {Clients} clients");
}
