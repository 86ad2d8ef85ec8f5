using System.Diagnostics.Metrics;

namespace Serverless.Testing;

/// <summary>
/// An <see cref="IMeterFactory"/> of one test's own: the meters it creates carry it as their scope, so a
/// <c>MetricCollector&lt;T&gt;(factory, meterName, instrumentName)</c> sees only the instruments of what that test
/// built, whatever runs beside it.
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name)
        {
            Version = options.Version,
            Tags = options.Tags,
            Scope = this,
        });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(meter => meter.Dispose());
            _meters.Clear();
        }
    }
}
