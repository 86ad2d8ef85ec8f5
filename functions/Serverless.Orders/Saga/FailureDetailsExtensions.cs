using Microsoft.DurableTask;

namespace Serverless.Orders.Saga;

/// <summary>Matches task failures by exception type name, which works under Native AOT and on every runtime.</summary>
internal static class FailureDetailsExtensions
{
    // TaskFailureDetails.IsCausedBy<T>() resolves ErrorType with Type.GetType, which finds no app type under Native
    // AOT.
    public static bool IsError<TException>(this TaskFailureDetails failure) where TException : Exception =>
        string.Equals(failure.ErrorType, typeof(TException).FullName, StringComparison.Ordinal);
}
