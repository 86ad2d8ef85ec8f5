using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Http;

namespace Serverless.Hosting.Tests;

/// <summary>
/// What strict reading of request bodies still accepts: a UTF-8 byte order mark before the JSON, and a declared UTF-8
/// charset. What it refuses (a number in a string, another casing, a property the request does not have, one sent
/// twice, a charset other than UTF-8) is in the bad-input table run on the real host
/// (Serverless.Host.Tests.BadInput.BadInputCases), with the proof that the refused request changed nothing.
/// </summary>
public sealed class StrictRequestBodyTests
{
    private static void MapEndpoints(WebApplication app) =>
        app.MapFunctionsApi().MapPost("/orders", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, TestJsonContext.Default.OrderRequest, ct);
            return body.IsValid ? Results.Text($"{body.Value.CustomerId}:{body.Value.Items.Count}") : body.Problem;
        }).AsFunction("CreateOrder");

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
