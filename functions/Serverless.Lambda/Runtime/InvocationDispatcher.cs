using System.Text.Json;
using Serverless.Lambda.Http;
using Serverless.Lambda.Sqs;
using Serverless.Lambda.Timers;

namespace Serverless.Lambda.Runtime;

/// <summary>
/// Hands one invocation to what answers its kind of event (<see cref="LambdaEvents.Classify"/>): an HTTP API request
/// to the <see cref="LambdaHttpServer"/>, an SQS batch to the <see cref="ISqsBatchHandler"/>, a timer to the
/// <see cref="ILambdaTimers"/>. Returns the response payload; throws <see cref="LambdaInvocationException"/> for an
/// event it cannot run, and whatever the handler throws.
/// </summary>
public sealed class InvocationDispatcher(LambdaHttpServer http, ISqsBatchHandler sqs, ILambdaTimers timers)
{
    /// <summary>
    /// Runs <paramref name="invocation"/>; <paramref name="cancellationToken"/> fires near its deadline.
    /// </summary>
    public async Task<byte[]> DispatchAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var payload = invocation.Payload.Span;
        switch (LambdaEvents.Classify(payload))
        {
            case LambdaEventKind.HttpApi:
                var request = JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.HttpApiRequest)!;
                // Not the deadline as RequestAborted: ASP.NET Core reads an abort as a client gone (499, no body), and
                // API Gateway has no such client; Lambda ends the invocation at its deadline itself.
                var response = await http.ProcessAsync(request, CancellationToken.None).ConfigureAwait(false);
                return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.HttpApiResponse);

            case LambdaEventKind.SqsBatch:
                var batch = JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.SqsBatch)!;
                var failed = await sqs.HandleAsync(batch, invocation.Deadline, cancellationToken)
                    .ConfigureAwait(false);
                return JsonSerializer.SerializeToUtf8Bytes(
                    new SqsBatchResponse { BatchItemFailures = [.. failed.Select(id => new SqsBatchItemFailure(id))] },
                    LambdaJsonContext.Default.SqsBatchResponse);

            case LambdaEventKind.Timer:
                var timer = JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.ScheduledTimer)!;
                if (!timers.Names.Contains(timer.Timer, StringComparer.Ordinal))
                {
                    throw new LambdaInvocationException(
                        "Runtime.UnknownTimer",
                        $"There is no timer '{timer.Timer}'; the timers are {string.Join(", ", timers.Names)}.");
                }

                await timers.RunAsync(timer.Timer, cancellationToken).ConfigureAwait(false);
                return "{}"u8.ToArray();

            default:
                throw new LambdaInvocationException(
                    "Runtime.UnknownEvent",
                    "The event is neither an HTTP API request (payload 2.0), an SQS batch nor a timer.");
        }
    }
}
