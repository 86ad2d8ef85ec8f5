using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Http;

namespace Serverless.Hosting.Tests;

/// <summary>
/// Request bodies are read strictly: what a lenient reader would reinterpret (a number in a string, another casing) or
/// drop (a property the request does not have, the first of two with one name) is refused, naming the field.
/// </summary>
public sealed class StrictRequestBodyTests
{
    private static void MapEndpoints(WebApplication app) =>
        app.MapFunctionsApi().MapPost("/orders", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, TestJsonContext.Default.OrderRequest, ct);
            return body.IsValid ? Results.Text($"{body.Value.CustomerId}:{body.Value.Items.Count}") : body.Problem;
        }).AsFunction("CreateOrder");

    [Theory]
    [InlineData("""{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":"2"}]}""", "items[0].quantity")]
    [InlineData("""{"customerId":"c-1","items":[],"reasn":"typo"}""", "reasn")]
    [InlineData("""{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":2,"colour":"red"}]}""", "items[0].colour")]
    [InlineData("""{"customerId":"c-1","customerId":"c-2","items":[]}""", "customerId")]
    [InlineData("""{"CustomerId":"c-1","items":[]}""", "CustomerId")]
    public async Task A_body_a_lenient_reader_would_reinterpret_gets_400_naming_the_field(string json, string field)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_before_the_json_is_accepted()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);
        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"customerId":"c-1","items":[]}"""u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await app.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("c-1:0", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task A_charset_other_than_utf8_gets_415(string charset)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);
        using var content = new ByteArrayContent("""{"customerId":"c-1","items":[]}"""u8.ToArray());
        content.Headers.ContentType = new("application/json") { CharSet = charset };

        using var response = await app.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_declared_utf8_charset_is_accepted()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            new StringContent("""{"customerId":"c-1","items":[]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
