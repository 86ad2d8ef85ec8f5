using Serverless.Orders.Payments;
using Serverless.Orders.Saga;

namespace Serverless.Orders.Screening;

/// <summary>
/// The fraud screen the saga runs before charging a large order (saga version 2.0): a few fixed rules, each adding
/// points, the order refused once they reach <see cref="RefuseAtScore"/>. It reads nothing but its input, so the same
/// order always gets the same verdict, however often the activity runs. The rules:
/// <list type="bullet">
/// <item><description>the test token <see cref="TestTokens.HighRisk"/>: 100 points (always refused);</description>
/// </item>
/// <item><description>a total of at least <see cref="LargeAmount"/>: 40 points;</description></item>
/// <item><description>a line of at least <see cref="BulkQuantity"/> units of one SKU (resale and card-testing
/// patterns): 40 points.</description></item>
/// </list>
/// So a large order is refused only when it is also a bulk order, or pays with the high-risk token.
/// </summary>
public static class OrderScreen
{
    /// <summary>The score at which an order is refused.</summary>
    public const int RefuseAtScore = 70;

    /// <summary>A total from which the amount rule scores.</summary>
    public const decimal LargeAmount = 5_000m;

    /// <summary>Units of one SKU in one line from which the bulk rule scores.</summary>
    public const int BulkQuantity = 25;

    /// <summary>Screens <paramref name="order"/>.</summary>
    public static ScreenVerdict Screen(ScreenOrderInput order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var findings = new List<string>();
        var score = 0;
        if (string.Equals(order.PaymentToken, TestTokens.HighRisk, StringComparison.Ordinal))
        {
            score += 100;
            findings.Add($"the payment token {TestTokens.HighRisk} is high risk");
        }

        if (order.Total >= LargeAmount)
        {
            score += 40;
            findings.Add($"the total {order.Total:0.00} is at least {LargeAmount:0.00}");
        }

        if (order.Items.FirstOrDefault(i => i.Quantity >= BulkQuantity) is { } bulk)
        {
            score += 40;
            findings.Add($"{bulk.Quantity} units of {bulk.Sku} in one order");
        }

        return new ScreenVerdict(score >= RefuseAtScore, score, findings);
    }
}
