using System.Diagnostics.Metrics;
using Serverless.Storage.Diagnostics;
using Xunit;

namespace Serverless.Storage.Tests.Diagnostics;

public sealed class StorageRequestCounterTests
{
    [Fact]
    public void Counts_are_totalled_per_operation_and_overall()
    {
        using var counter = new StorageRequestCounter("test");

        counter.Count(StorageOperationKinds.TableBatch);
        counter.Count(StorageOperationKinds.TableBatch);
        counter.Count(StorageOperationKinds.QueueSend, 3);

        Assert.Equal(
            new Dictionary<string, long> { ["queue.send"] = 3, ["table.batch"] = 2 },
            counter.Snapshot());
        Assert.Equal(5, counter.Total);
    }

    [Fact]
    public void Each_count_is_published_on_the_meter_tagged_with_backend_and_operation()
    {
        using var counter = new StorageRequestCounter("azure");
        var published = new List<(long Value, string? Backend, string? Operation)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StorageRequestCounter.MeterName
                && instrument.Name == StorageRequestCounter.InstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? backend = null, operation = null;
            foreach (var tag in tags)
            {
                backend = tag.Key == "backend" ? tag.Value as string : backend;
                operation = tag.Key == "operation" ? tag.Value as string : operation;
            }

            published.Add((value, backend, operation));
        });
        listener.Start();

        counter.Count(StorageOperationKinds.QueueReceive);

        Assert.Contains((1L, "azure", "queue.receive"), published);
    }
}
