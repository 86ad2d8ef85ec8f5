using System.Text;
using Serverless.Lambda.Runtime;

namespace Serverless.Lambda.Tests;

public sealed class LambdaEventsTests
{
    [Theory]
    [InlineData("""{"Records":[{"messageId":"1","eventSource":"aws:sqs"}]}""", LambdaEventKind.SqsBatch)]
    [InlineData("""{"version":"2.0","routeKey":"$default","requestContext":{"http":{}}}""", LambdaEventKind.HttpApi)]
    [InlineData("""{"requestContext":{"http":{}},"rawPath":"/","version":"2.0"}""", LambdaEventKind.HttpApi)]
    [InlineData("""{"timer":"Sweep"}""", LambdaEventKind.Timer)]
    public void Each_event_is_told_by_its_top_level_properties(string json, LambdaEventKind expected)
    {
        Assert.Equal(expected, LambdaEvents.Classify(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"version":"1.0","resource":"/","requestContext":{}}""")]
    [InlineData("""{"detail-type":"Scheduled Event"}""")]
    [InlineData("""[{"timer":"Sweep"}]""")]
    [InlineData("not json")]
    [InlineData("")]
    public void Anything_else_is_unknown(string json)
    {
        Assert.Equal(LambdaEventKind.Unknown, LambdaEvents.Classify(Encoding.UTF8.GetBytes(json)));
    }
}
