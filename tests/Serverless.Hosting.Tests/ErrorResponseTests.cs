using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Serverless.Hosting.Http;
using Serverless.Http;

namespace Serverless.Hosting.Tests;

public sealed class ErrorResponseTests
{
    private const string Secret = "connection string with password=hunter2";

    private static void MapEndpoints(WebApplication app)
    {
        var api = app.MapFunctionsApi();
        api.MapGet("/boom", string () => throw new InvalidOperationException(Secret)).AsFunction("Boom");
        api.MapGet("/field", () => FunctionResults.FieldProblem("items[0].quantity", "must be between 1 and 1000"))
            .AsFunction("Field");
    }

    [Fact]
    public async Task Health_answers_200_healthy_without_a_key()
    {
        await using var app = await TestApp.StartAsync(
            MapEndpoints,
            ["--Serverless:FunctionKey=k", "--Serverless:AdminKey=a"]);

        using var response = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/elsewhere")]
    public async Task An_unknown_route_gets_404_problem(string path)
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_gets_405_problem()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.PostAsync(new Uri("/api/health", UriKind.Relative), null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task An_unhandled_exception_gets_500_problem_without_its_details()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.GetAsync(new Uri("/api/boom", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out _), text);
    }

    [Fact]
    public async Task A_field_problem_names_one_field()
    {
        await using var app = await TestApp.StartAsync(MapEndpoints);

        using var response = await app.Client.GetAsync(new Uri("/api/field", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").GetProperty("items[0].quantity");
        Assert.Equal(["must be between 1 and 1000"], messages.EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.String, problem.GetProperty("title").ValueKind);
    }
}
