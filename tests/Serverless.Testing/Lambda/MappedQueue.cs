namespace Serverless.Testing.Lambda;

/// <summary>One queue a <see cref="SqsEventSourceMapping"/> reads: where it is, and the ARN its records name.</summary>
internal sealed record MappedQueue(string Url, string Name, string Arn);
