using Serverless.Payments.Card;

namespace Serverless.Orders.Payments;

/// <summary>Which gateway takes the money, and how (the <c>Orders:Payments</c> section).</summary>
public sealed class PaymentsOptions
{
    /// <summary>The gateway: <see cref="PaymentGatewayKind.Simulator"/> (the default) or a card provider.</summary>
    public PaymentGatewayKind Gateway { get; set; } = PaymentGatewayKind.Simulator;

    /// <summary>The card provider's settings; read only when <see cref="Gateway"/> is <c>Card</c>.</summary>
    public CardPaymentsOptions Card { get; set; } = new();

    /// <summary>
    /// How long after the refund of a never-charged order asked for its void the card gateway still looks for a charge
    /// before it confirms the void (default 2 min): longer than any charge call may take
    /// (<see cref="CardPaymentsOptions.TotalTimeout"/>), so a charge sent before the void is found and refunded. The
    /// simulator voids atomically and needs no wait.
    /// </summary>
    public TimeSpan VoidGrace { get; set; } = TimeSpan.FromMinutes(2);

    internal IEnumerable<string> Validate(string prefix)
    {
        if (!Enum.IsDefined(Gateway))
        {
            yield return $"{prefix}:Gateway must be Simulator or Card.";
        }

        if (Gateway != PaymentGatewayKind.Card)
        {
            yield break;
        }

        if (!CardPaymentsFeature.IsSupported)
        {
            yield return $"{prefix}:Gateway is Card, but this build was published without the card gateway (publish " +
                "the host with -p:Payments=Card, see docs/builds.md, or use the Simulator).";
            yield break;
        }

        foreach (var error in Card.Validate($"{prefix}:Card"))
        {
            yield return error;
        }

        if (VoidGrace <= Card.TotalTimeout)
        {
            yield return $"{prefix}:VoidGrace must be longer than {prefix}:Card:TotalTimeout (a charge sent before " +
                "a void must have reached the provider before the void is confirmed).";
        }
    }
}
