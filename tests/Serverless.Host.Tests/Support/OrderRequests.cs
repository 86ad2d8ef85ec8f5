using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests.Support;

/// <summary>Bodies for <c>POST /api/orders</c>.</summary>
public static class OrderRequests
{
    public static string Body(string customerId, IEnumerable<OrderLine> lines, string token) =>
        Json.Serialize(
            new { customerId,
            items = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }),
            payment = new { token } });

    public static string Body(string customerId, string sku, int quantity, string token) =>
        Body(customerId, [new OrderLine(sku, quantity)], token);
}
