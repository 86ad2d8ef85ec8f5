namespace Serverless.Orders.Payments;

/// <summary>How the <see cref="PaymentSimulator"/> behaves for its test tokens.</summary>
public sealed class PaymentSimulatorOptions
{
    /// <summary>How long <c>tok_slow</c> takes to approve (default 2 s).</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many attempts of a <c>tok_transient</c> charge fail before one approves (default 2).</summary>
    public int TransientFailures { get; set; } = 2;

    /// <summary>
    /// How many refund attempts of each order fail transiently before one goes through (default 0: none fail). A fault
    /// knob for trying out how a failing compensation shows (<c>Orders:Simulator:RefundFailures</c>); counted per order
    /// in its payment row, so the count survives restarts.
    /// </summary>
    public int RefundFailures { get; set; }
}
