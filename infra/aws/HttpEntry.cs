using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;

namespace Serverless.Infra.Aws;

/// <summary>
/// An HTTP API whose <c>$default</c> route sends every request to the function (payload format 2.0): the host's own
/// ASP.NET Core pipeline routes, authenticates (function keys) and answers, as it does locally.
/// </summary>
internal sealed class HttpEntry : Construct
{
    public HttpEntry(Construct scope, string id, Amazon.CDK.AWS.Lambda.IFunction function)
        : base(scope, id)
    {
        Api = new HttpApi(this, "Api", new HttpApiProps
        {
            Description = "Order saga HTTP API: every route to the function.",
            DefaultIntegration = new HttpLambdaIntegration("Function", function, new HttpLambdaIntegrationProps
            {
                PayloadFormatVersion = PayloadFormatVersion.VERSION_2_0,
            }),
        });
    }

    public HttpApi Api { get; }
}
