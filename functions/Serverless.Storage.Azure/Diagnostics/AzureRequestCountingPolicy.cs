using Azure.Core;
using Azure.Core.Pipeline;
using Serverless.Storage.Diagnostics;

namespace Serverless.Storage.Azure.Diagnostics;

/// <summary>
/// Counts every request an Azure SDK client sends, by operation kind. Added at
/// <see cref="HttpPipelinePosition.PerRetry"/>, so each retry is counted as the separate request Azure bills.
/// </summary>
internal sealed class AzureRequestCountingPolicy(AzureStorageService service, StorageRequestCounter counter)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        counter.Count(AzureRequestClassifier.Classify(
            service,
            message.Request.Method,
            message.Request.Uri.Path,
            message.Request.Uri.Query));
}
