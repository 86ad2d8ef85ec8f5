using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Hosting.Http;
using Serverless.Http;

namespace Serverless.Hosting.Tests;

public sealed class RequestBodyTests
{
    private static void MapEndpoints(WebApplication app)
    {
        var api = app.MapFunctionsApi();
        api.MapPost("/orders", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, TestJsonContext.Default.OrderRequest, ct);
            return body.IsValid ? Results.Text($"{body.Value.CustomerId}:{body.Value.Items.Count}") : body.Problem;
        }).AsFunction("CreateOrder");
        api.MapPost("/required", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, TestJsonContext.Default.RequiredRequest, ct);
            return body.IsValid ? Results.Text(body.Value.CustomerId) : body.Problem;
        }).AsFunction("Required");
        api.MapPost("/ignores-body", () => "ignored").AsFunction("IgnoresBody");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string OversizeJson(int bytes) =>
        "{\"customerId\":\"" + new string('x', bytes) + "\",\"items\":[]}";

    [Fact]
    public async Task A_valid_body_is_read_into_its_type()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            Json("""{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":2}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("c-1:1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_64_KiB_with_a_content_length_gets_413_problem()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            Json(OversizeJson(100 * 1024)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_gets_413_problem()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            new ChunkedContent(OversizeJson(100 * 1024), "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_of_many_megabytes_gets_its_413_answer_rather_than_a_reset_connection(bool chunked)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);
        var json = Encoding.UTF8.GetBytes(OversizeJson(16 * 1024 * 1024));

        // Twice: the second request proves the client was told not to reuse the refused connection.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            HttpContent content = chunked ? new ChunkedContent(json, "application/json") : new ByteArrayContent(json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await app.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), content);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_read()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            new ChunkedContent(OversizeJson(60 * 1024), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_even_by_an_endpoint_that_never_reads_it()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/ignores-body", UriKind.Relative),
            Json(OversizeJson(100 * 1024)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_body_limit_follows_configuration()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints, ["--Serverless:MaxRequestBodySize=1024"]);

        using var declared = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            Json(OversizeJson(2048)));
        using var chunked = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            new ChunkedContent(OversizeJson(2048), "application/json"));

        await ProblemAssert.IsProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_gets_400_naming_the_field_path()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            Json("""{"customerId":"c-1","items":[{"sku":"SKU-1","quantity":"two"}]}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].quantity", out _), problem.ToString());
    }

    [Fact]
    public async Task Broken_json_gets_400_with_the_position()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/orders", UriKind.Relative),
            Json("""{"customerId":"c-1","items":[{"sku":"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task Missing_required_fields_get_400_naming_each_field()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(
            new Uri("/api/required", UriKind.Relative),
            Json("""{"customerId":"c-1"}"""));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("priority", out _), problem.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    public async Task An_empty_body_gets_400(string body)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(body));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$", out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var content = new StringContent("customerId=c-1", Encoding.UTF8, "text/plain");
        using var response = await app.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_json_suffix_media_type_is_accepted()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var content = new StringContent("""{"customerId":"c-1","items":[]}""");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.orders+json");
        using var response = await app.Client.PostAsync(new Uri("/api/orders", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
