namespace Serverless.Host.Tests.Load;

/// <summary>What the test's approver does with an order that awaits approval.</summary>
public enum Decision
{
    None,
    Approve,
    Reject,
}
