namespace Serverless.Lambda.Runtime;

/// <summary>An invocation that cannot run, reported to Lambda with <see cref="ErrorType"/>.</summary>
public sealed class LambdaInvocationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LambdaInvocationException(string errorType, string message)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>Creates the exception with a generic error type.</summary>
    public LambdaInvocationException()
        : this("Runtime.Error", "The invocation failed.")
    {
    }

    /// <summary>Creates the exception with a generic error type.</summary>
    public LambdaInvocationException(string message)
        : this("Runtime.Error", message)
    {
    }

    /// <summary>Creates the exception with a generic error type and its cause.</summary>
    public LambdaInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "Runtime.Error";
    }

    /// <summary>The <c>errorType</c> Lambda records, e.g. <c>Runtime.UnknownEvent</c>.</summary>
    public string ErrorType { get; }
}
