namespace Serverless.Lambda.Runtime;

/// <summary>One invocation the Runtime API handed out: its event and the headers that come with it.</summary>
/// <param name="RequestId">The request id (<c>Lambda-Runtime-Aws-Request-Id</c>) its answer is posted under.</param>
/// <param name="Deadline">When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</param>
/// <param name="FunctionArn">The ARN invoked (<c>Lambda-Runtime-Invoked-Function-Arn</c>), when given.</param>
/// <param name="TraceId">The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>), when given.</param>
/// <param name="Payload">The event, as JSON.</param>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? FunctionArn,
    string? TraceId,
    ReadOnlyMemory<byte> Payload);
