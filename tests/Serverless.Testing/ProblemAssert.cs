using System.Net;
using System.Text.Json;
using Xunit;

namespace Serverless.Testing;

/// <summary>Assertions on problem+json answers.</summary>
public static class ProblemAssert
{
    /// <summary>
    /// Asserts an <c>application/problem+json</c> answer with <paramref name="status"/>; returns its body. With
    /// <paramref name="host"/>, a wrong status shows the end of that host's output too.
    /// </summary>
    public static async Task<JsonElement> IsProblemAsync(
        HttpResponseMessage response, HttpStatusCode status, HostProcess? host = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
        {
            var message = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered "
                + $"{(int)response.StatusCode}, expected {(int)status}: {body}";
            throw host is null ? new Xunit.Sdk.XunitException(message) : host.Failure(message);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(
            mediaType == "application/problem+json",
            $"Expected a {(int)status} answer of type application/problem+json, got {mediaType ?? "none"}: {body}");
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> NamesFieldAsync(
        HttpResponseMessage response, string field, HostProcess? host = null)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest, host);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No 'errors' in {problem}");
        var fields = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(
            fields.Contains(field),
            $"Expected the errors to name '{field}', they name [{string.Join(", ", fields)}]: {problem}");
        Assert.All(
            errors.GetProperty(field).EnumerateArray(),
            message => Assert.False(string.IsNullOrWhiteSpace(message.GetString())));
        return problem;
    }
}
