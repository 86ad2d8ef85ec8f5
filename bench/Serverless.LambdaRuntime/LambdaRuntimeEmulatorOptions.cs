namespace Serverless.LambdaRuntime;

/// <summary>What a <see cref="LambdaRuntimeEmulator"/> tells the runtime besides the event, and its clock.</summary>
public sealed class LambdaRuntimeEmulatorOptions
{
    /// <summary>
    /// The clock that sets each invocation's deadline and times it out; a fake one lets a test pass a deadline without
    /// waiting for it.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The <c>Lambda-Runtime-Invoked-Function-Arn</c> header of every invocation.</summary>
    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:000000000000:function:serverless-host";
}
