using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Http;

namespace Serverless.Hosting.Tests;

public sealed class HeadRequestTests
{
    private static void MapEndpoints(WebApplication app)
    {
        var api = app.MapFunctionsApi();
        api.MapGet("/orders/{id}", (string id) => TypedResults.Text($"order {id}")).AsFunction("GetOrder");
        api.MapPost("/orders", () => TypedResults.Accepted("/api/orders/1")).AsFunction("CreateOrder");
    }

    [Theory]
    [InlineData("/api/orders/1")]
    [InlineData("/api/health")]
    public async Task HEAD_answers_where_GET_does_with_the_headers_and_no_body(string path)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var get = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_is_not_added_where_there_is_no_GET()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/orders"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
    }
}
