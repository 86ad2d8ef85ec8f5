using Azure.Core;
using Azure.Core.Pipeline;
using Serverless.Azurite;

namespace Serverless.Testing.Azurite;

/// <summary>
/// Stamps every request with the test's fake time, so Azurite's clock (visibility, delays, timestamps) follows it.
/// </summary>
public sealed class AzuriteClockPolicy(TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(
            AzuriteInstance.TestClockHeader,
            time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
