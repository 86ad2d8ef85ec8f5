using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Serverless.Build.Tests;

/// <summary>
/// The README's first command, run as written from a clean clone: it builds and starts the host and places an order
/// that is confirmed; run again while that host is up, or with port 7071 taken by another program, it refuses and
/// touches nothing. (It uses port 7071 as written; nothing else in the test run does.)
/// </summary>
[Trait(Tier.Trait, Tier.Publish)]
public sealed partial class ReadmeFirstCommandTests : IDisposable
{
    private const int ReadmePort = 7071;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);
    private readonly TempDirectory _directory = new("readme");
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{ReadmePort}/") };

    [Fact]
    public async Task The_first_command_places_an_order_once_and_then_refuses_while_the_port_is_taken()
    {
        Assert.False(PortAnswers(), $"Port {ReadmePort} is in use before the test: stop what runs there.");
        var clone = Path.Combine(_directory.Path, "clone");
        var cloned = await ChildProcess.RunAsync(
            "git", _directory.Path, ["clone", "--quiet", RepositoryRoot.Path, clone]);
        Assert.True(cloned.ExitCode == 0, cloned.ToString());
        var script = Path.Combine(_directory.Path, "first-command.sh");
        var readme = await File.ReadAllTextAsync(Path.Combine(clone, "README.md"));
        await File.WriteAllTextAsync(script, FirstCommand(readme));
        try
        {
            var first = await RunAsync(script, clone, "first");
            Assert.DoesNotMatch(BuildWarning(), first);
            var orderId = OrderIdIn(first);
            await Eventually.TrueAsync(
                async () => await StatusAsync($"api/orders/{orderId}") == "Confirmed",
                "the README's order is confirmed");
            var stock = await _http.GetStringAsync("api/inventory/SKU-1");
            var readBack = ReadBackCommands(readme, orderId);
            await File.WriteAllTextAsync(script + ".read", readBack);
            var read = await RunAsync(script + ".read", clone, "read-back");
            Assert.Equal(3, readBack.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains($"{{\"orderId\":\"{orderId}\",\"customerId\":\"c-1\",\"status\":\"Confirmed\"", read);
            Assert.Contains($"{{\"orderId\":\"{orderId}\",\"status\":\"Charged\"", read);
            Assert.Contains($"\"instanceId\":\"{orderId}\",\"runtimeStatus\":\"Completed\"", read);
            Assert.Contains("\"historyEvents\":[", read, StringComparison.Ordinal);

            var second = await RunAsync(script, clone, "second");

            Assert.Contains("Port 7071 is taken", second, StringComparison.Ordinal);
            Assert.DoesNotContain("orderId", second, StringComparison.Ordinal);
            Assert.Equal(stock, await _http.GetStringAsync("api/inventory/SKU-1"));
        }
        finally
        {
            await StopHostAsync(clone);
        }

        using var squatter = new TcpListener(IPAddress.Loopback, ReadmePort);
        squatter.Start();
        var third = await RunAsync(script, clone, "third");
        Assert.Contains("Port 7071 is taken", third, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", third, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _directory.Dispose();
    }

    /// <summary>The first fenced <c>bash</c> block of the README.</summary>
    private static string FirstCommand(string readme)
    {
        const string Fence = "```bash\n";
        var start = readme.IndexOf(Fence, StringComparison.Ordinal) + Fence.Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>The README's block that reads the order back (with <c>&lt;orderId&gt;</c>), filled in.</summary>
    private static string ReadBackCommands(string readme, string orderId)
    {
        const string Placeholder = "<orderId>";
        var at = readme.IndexOf(Placeholder, StringComparison.Ordinal);
        var start = readme.LastIndexOf("```bash\n", at, StringComparison.Ordinal) + "```bash\n".Length;
        return readme[start..readme.IndexOf("```", at, StringComparison.Ordinal)]
            .Replace(Placeholder, orderId, StringComparison.Ordinal);
    }

    // Output goes to a file, not a pipe: the host the command leaves running would hold a pipe open forever.
    private async Task<string> RunAsync(string script, string clone, string name)
    {
        var log = Path.Combine(_directory.Path, $"{name}.log");
        var start = ChildProcess.StartInfo("bash", clone, "-c", "bash \"$0\" >\"$1\" 2>&1", script, log);
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(deadline.Token);
        return await File.ReadAllTextAsync(log);
    }

    // The POST's answer, which the host's log lines may follow on the same line (curl prints no newline).
    private static string OrderIdIn(string output)
    {
        var placed = PlacedOrder().Match(output);
        Assert.True(placed.Success, $"No pending order in the command's output:\n{output}");
        return placed.Groups["id"].Value;
    }

    [GeneratedRegex("""\{"orderId":"(?<id>[^"]+)","status":"Pending",""")]
    private static partial Regex PlacedOrder();

    [GeneratedRegex(@"warning [A-Z]+[0-9]+")]
    private static partial Regex BuildWarning();

    private async Task<string?> StatusAsync(string path)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(path));
        return document.RootElement.GetProperty("status").GetString();
    }

    private static async Task StopHostAsync(string clone)
    {
        // What `kill %1` does in the shell the command ran in: SIGTERM to the host (dotnet run then exits too).
        var host = Path.Combine(clone, "functions", "Serverless.Host", "bin");
        await ChildProcess.RunAsync("pkill", clone, ["-TERM", "-f", host]);
        await Eventually.TrueAsync(() => !PortAnswers(), "the README's host stopped");
    }

    private static bool PortAnswers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, ReadmePort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
