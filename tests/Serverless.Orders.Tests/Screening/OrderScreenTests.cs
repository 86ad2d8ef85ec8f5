using Serverless.Orders.Ordering;
using Serverless.Orders.Payments;
using Serverless.Orders.Saga;
using Serverless.Orders.Screening;

namespace Serverless.Orders.Tests.Screening;

/// <summary>The fraud screen's rules: points per rule, refused from 70, the same verdict for the same order.</summary>
public sealed class OrderScreenTests
{
    [Theory]
    [InlineData(TestTokens.Visa, 2, 300.00, false, 0)]
    [InlineData(TestTokens.HighRisk, 1, 1.00, true, 100)]
    [InlineData(TestTokens.Visa, 1, 5000.00, false, 40)]
    [InlineData(TestTokens.Visa, 1, 4999.99, false, 0)]
    [InlineData(TestTokens.Visa, 25, 10.00, false, 40)]
    [InlineData(TestTokens.Visa, 24, 10.00, false, 0)]
    [InlineData(TestTokens.Visa, 25, 200.00, true, 80)]
    public void Each_rule_adds_its_points_and_an_order_is_refused_from_70(
        string token,
        int quantity,
        double unitPrice,
        bool refused,
        int score)
    {
        var verdict = OrderScreen.Screen(Order(token, quantity, (decimal)unitPrice));

        Assert.Equal((refused, score), (verdict.Refused, verdict.Score));
        Assert.Equal(score == 0, verdict.Findings.Count == 0);
    }

    [Fact]
    public void A_refused_order_names_every_rule_it_matched_in_rule_order()
    {
        var verdict = OrderScreen.Screen(Order(TestTokens.HighRisk, 30, 200.00m));

        Assert.Equal(
            [
                "the payment token tok_risky is high risk",
                "the total 6000.00 is at least 5000.00",
                "30 units of SKU-1 in one order",
            ],
            verdict.Findings);
        Assert.Equal(
            "Refused by the fraud screen: the payment token tok_risky is high risk; the total 6000.00 is at least " +
                "5000.00; 30 units of SKU-1 in one order.",
            CancellationReasons.ScreenRefused(verdict.Findings));
    }

    [Fact]
    public void The_same_order_gets_the_same_verdict()
    {
        var order = Order(TestTokens.Visa, 25, 200.00m);

        Assert.Equivalent(OrderScreen.Screen(order), OrderScreen.Screen(order), strict: true);
    }

    private static ScreenOrderInput Order(string token, int quantity, decimal unitPrice) => new(
        "ord-1",
        "c-1",
        [new OrderItem("SKU-1", quantity, unitPrice, quantity * unitPrice)],
        quantity * unitPrice,
        token);
}
