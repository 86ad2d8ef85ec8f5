namespace Serverless.Orders.Ordering;

/// <summary>How a customer's request to cancel an order ended.</summary>
public enum CancelOutcome
{
    /// <summary>
    /// Recorded (now or before): the saga compensates and the order becomes <see cref="OrderStatus.Cancelled"/>.
    /// </summary>
    Accepted,

    /// <summary>The order is cancelled already (asking again changes nothing).</summary>
    AlreadyCancelled,

    /// <summary>There is no such order.</summary>
    NotFound,

    /// <summary>Too late: the order's payment was committed.</summary>
    Committed,
}
