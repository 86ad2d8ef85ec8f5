using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Serverless.Azurite;

/// <summary>
/// Collects Azurite's console lines and reads the bound ports from its "successfully listening" lines.
/// </summary>
internal sealed partial class AzuriteOutput
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allListening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                _ports[match.Groups["service"].Value] = port;
                if (_ports.Count == 3)
                {
                    _allListening.TrySetResult();
                }
            }
        }
    }

    public async Task<AzuritePorts> PortsAsync(Process process, CancellationToken cancellationToken)
    {
        var exited = process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_allListening.Task, exited).ConfigureAwait(false);
        await first.ConfigureAwait(false);
        if (first != _allListening.Task)
        {
            throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening.");
        }

        lock (_text)
        {
            return new AzuritePorts(_ports["Blob"], _ports["Queue"], _ports["Table"]);
        }
    }

    [GeneratedRegex(
        @"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
