namespace Serverless.Lambda.Runtime;

/// <summary>What an invocation's event is, read from its top-level properties.</summary>
public enum LambdaEventKind
{
    /// <summary>None of the shapes below.</summary>
    Unknown,

    /// <summary>An API Gateway HTTP API or function URL request (payload 2.0).</summary>
    HttpApi,

    /// <summary>A batch of an SQS event source mapping.</summary>
    SqsBatch,

    /// <summary>A schedule's <c>{"timer":"&lt;name&gt;"}</c>.</summary>
    Timer,
}
