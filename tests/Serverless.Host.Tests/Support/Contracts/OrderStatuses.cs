namespace Serverless.Host.Tests.Support.Contracts;

/// <summary>The order statuses of the HTTP contract.</summary>
public static class OrderStatuses
{
    public const string Pending = "Pending";
    public const string AwaitingApproval = "AwaitingApproval";
    public const string Confirmed = "Confirmed";
    public const string Cancelled = "Cancelled";
    public const string Compensating = "Compensating";
}
