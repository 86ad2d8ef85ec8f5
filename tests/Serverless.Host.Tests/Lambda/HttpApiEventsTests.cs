using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Testing.Lambda;

namespace Serverless.Host.Tests.Lambda;

/// <summary>
/// The test kit's API Gateway events (HTTP API, payload format 2.0): the request event's documented fields, and the
/// response read as API Gateway reads it.
/// </summary>
public sealed class HttpApiEventsTests
{
    [Fact]
    public void A_request_event_has_the_documented_fields_with_lower_case_headers_cookies_and_query_parameters()
    {
        var time = DateTimeOffset.Parse("2020-03-12T19:03:58.123Z", CultureInfo.InvariantCulture);
        KeyValuePair<string, string>[] headers =
        [
            new("Content-Type", "application/json"),
            new("X-Multi", "a"),
            new("x-multi", "b"),
            new("User-Agent", "tests/1.0"),
            new("Cookie", "session=abc; theme=dark"),
        ];

        var request = JsonNode.Parse(HttpApiEvents.Request(
            HttpMethod.Post,
            "/api/orders?status=open&status=held&q=a%20b",
            headers,
            """{"sku":"A"}""",
            time))!;

        Assert.Equal("2.0", Text(request, "version"));
        Assert.Equal("$default", Text(request, "routeKey"));
        Assert.Equal("/api/orders", Text(request, "rawPath"));
        Assert.Equal("status=open&status=held&q=a%20b", Text(request, "rawQueryString"));
        Assert.Equal(["session=abc", "theme=dark"], request["cookies"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("application/json", Text(request["headers"]!, "content-type"));
        Assert.Equal("a,b", Text(request["headers"]!, "x-multi"));
        Assert.Null(request["headers"]!["cookie"]);
        Assert.Equal("open,held", Text(request["queryStringParameters"]!, "status"));
        Assert.Equal("a b", Text(request["queryStringParameters"]!, "q"));
        var context = request["requestContext"]!;
        Assert.Equal("$default", Text(context, "stage"));
        Assert.Equal("12/Mar/2020:19:03:58 +0000", Text(context, "time"));
        Assert.Equal(time.ToUnixTimeMilliseconds(), context["timeEpoch"]!.GetValue<long>());
        Assert.Equal("POST", Text(context["http"]!, "method"));
        Assert.Equal("/api/orders", Text(context["http"]!, "path"));
        Assert.Equal("tests/1.0", Text(context["http"]!, "userAgent"));
        Assert.False(string.IsNullOrEmpty(Text(context, "requestId")));
        Assert.Equal("""{"sku":"A"}""", Text(request, "body"));
        Assert.False(request["isBase64Encoded"]!.GetValue<bool>());
    }

    [Fact]
    public void A_request_without_a_query_or_body_has_neither_and_a_binary_body_is_base64()
    {
        var bare = JsonNode.Parse(HttpApiEvents.Request(HttpMethod.Get, "/api/health"))!.AsObject();
        byte[] bytes = [0, 1, 255];
        var binary = JsonNode.Parse(HttpApiEvents.BinaryRequest(HttpMethod.Put, "/blob", [], bytes))!;

        Assert.Equal("", Text(bare, "rawQueryString"));
        Assert.False(bare.ContainsKey("queryStringParameters"));
        Assert.False(bare.ContainsKey("body"));
        Assert.False(bare.ContainsKey("cookies"));
        Assert.Equal(Convert.ToBase64String(bytes), Text(binary, "body"));
        Assert.True(binary["isBase64Encoded"]!.GetValue<bool>());
    }

    [Fact]
    public void A_response_is_read_with_its_status_headers_cookies_and_body_decoded()
    {
        var text = HttpApiEvents.ReadResponse("""
            {"statusCode":201,"headers":{"Content-Type":"application/json","Location":"/api/orders/1"},
             "cookies":["a=1; Path=/"],"body":"{\"id\":1}","isBase64Encoded":false}
            """);
        var binary = HttpApiEvents.ReadResponse(
            $$"""{"statusCode":200,"body":"{{Convert.ToBase64String([0, 1, 255])}}","isBase64Encoded":true}""");

        Assert.Equal(201, text.StatusCode);
        Assert.Equal("/api/orders/1", text.Headers["location"]);
        Assert.Equal(["a=1; Path=/"], text.Cookies);
        Assert.Equal("""{"id":1}""", text.BodyText);
        Assert.Equal(200, binary.StatusCode);
        Assert.Equal(new byte[] { 0, 1, 255 }, binary.Body);
        Assert.True(binary.IsBase64Encoded);
    }

    [Fact]
    public void A_response_without_a_status_code_is_the_json_body_of_a_200()
    {
        var response = HttpApiEvents.ReadResponse("""{"id":1}""");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.Headers["Content-Type"]);
        Assert.Equal("""{"id":1}""", Encoding.UTF8.GetString(response.Body));
        Assert.Empty(response.Cookies);
    }

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();
}
