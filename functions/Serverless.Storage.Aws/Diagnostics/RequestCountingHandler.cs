using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Aws.Diagnostics;

/// <summary>
/// Counts one request of its kind (named by <paramref name="classify"/>) each time the pipeline sends one (once per
/// attempt).
/// </summary>
internal sealed class RequestCountingHandler(
    Func<StorageRequestCounter> counter,
    Func<AmazonWebServiceRequest, string> classify) : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        Count(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Count(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private void Count(IExecutionContext executionContext) =>
        counter().Count(classify(executionContext.RequestContext.OriginalRequest));
}
