using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SQS;
using Serverless.Fauxqs;
using Serverless.Storage.Aws.Diagnostics;
using Serverless.Storage.Diagnostics;

namespace Serverless.Testing.Sqs;

/// <summary>
/// An SQS client that stamps every request with a fake clock's time, so fauxqs's clock (visibility, delays, send
/// times) follows the test's; with a counter, it counts each request as the production client does.
/// </summary>
public sealed class FauxqsClockClient : AmazonSQSClient
{
    private readonly TimeProvider _time;
    private readonly StorageRequestCounter? _counter;

    /// <summary>
    /// A client for <paramref name="config"/> whose requests carry the time of <paramref name="time"/>, counted on
    /// <paramref name="counter"/> when given.
    /// </summary>
    public FauxqsClockClient(
        TimeProvider time,
        AWSCredentials credentials,
        AmazonSQSConfig config,
        StorageRequestCounter? counter = null)
        : base(credentials, config)
    {
        _time = time;
        _counter = counter;
    }

    /// <inheritdoc/>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        base.CustomizeRuntimePipeline(pipeline);

        // The base constructor builds the pipeline before this class's fields are set: read the clock lazily.
        pipeline.AddHandlerAfter<RetryHandler>(new ClockHandler(() => _time, () => _counter));
    }

    private sealed class ClockHandler(Func<TimeProvider> time, Func<StorageRequestCounter?> counter) : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            Stamp(executionContext);
            base.InvokeSync(executionContext);
        }

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Stamp(executionContext);
            return base.InvokeAsync<T>(executionContext);
        }

        private void Stamp(IExecutionContext executionContext)
        {
            executionContext.RequestContext.Request.Headers[FauxqsInstance.TestClockHeader] =
                time().GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            counter()?.Count(SqsRequestClassifier.Classify(executionContext.RequestContext.OriginalRequest));
        }
    }
}
