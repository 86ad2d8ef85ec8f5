using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Serverless.Functions.Tests.Support;

/// <summary>
/// Configuration from a dictionary that records every key read, so a test can see which settings code reads.
/// </summary>
public sealed class RecordingConfigurationSource(IDictionary<string, string?> values) : IConfigurationSource
{
    public ConcurrentDictionary<string, bool> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(values, Read);

    private sealed class Provider : ConfigurationProvider
    {
        private readonly ConcurrentDictionary<string, bool> _read;

        public Provider(IDictionary<string, string?> values, ConcurrentDictionary<string, bool> read)
        {
            _read = read;
            foreach (var (key, value) in values)
            {
                Data[key] = value;
            }
        }

        public override bool TryGet(string key, out string? value)
        {
            _read[key] = true;
            return base.TryGet(key, out value);
        }
    }
}
