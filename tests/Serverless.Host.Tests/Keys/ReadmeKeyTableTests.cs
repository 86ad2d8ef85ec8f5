using Serverless.Hosting.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Http;

namespace Serverless.Host.Tests.Keys;

/// <summary>
/// The README's key table lists every HTTP function of the local host, each with the key level it has, and nothing
/// else under a function's name: a new function without a row, or one at another level, fails here.
/// </summary>
public sealed class ReadmeKeyTableTests
{
    [Fact]
    public async Task Every_function_of_the_local_host_is_in_the_README_key_table_at_its_level()
    {
        using var directory = new TempDirectory("key-table");
        await using var app = HostApplication.Create(
            ["--port", "0", "--data-dir", Path.Combine(directory.Path, "data")],
            directory.Path);
        // The catalog reads the endpoints, which exist once the app runs.
        await app.StartAsync();
        var functions = app.Services.GetRequiredService<FunctionCatalog>().HttpFunctions;
        await app.StopAsync();
        var readme = await File.ReadAllTextAsync(RepositoryRoot.Combine("README.md"));
        var keys = readme[readme.IndexOf("## Keys", StringComparison.Ordinal)..];
        keys = keys[..keys.IndexOf("\n## ", StringComparison.Ordinal)];
        // Rows naming a function (`Name`); the management routes' rows name none.
        var rows = keys.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Split(' ')[0].Trim('`'), cells => cells[2]);

        Assert.NotEmpty(functions);
        Assert.All(functions, function =>
        {
            Assert.True(rows.TryGetValue(function.Name, out var level), $"{function.Name} has no row in README's Keys");
            Assert.Equal(Level(function.AuthLevel), level);
        });
        Assert.All(rows.Keys, name => Assert.Contains(functions, f => f.Name == name));
    }

    private static string Level(AuthorizationLevel level) => level switch
    {
        AuthorizationLevel.Anonymous => "none",
        AuthorizationLevel.Admin => "admin key",
        _ => "function key (or the admin key)",
    };
}
