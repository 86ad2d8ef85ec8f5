namespace Serverless.Storage.Diagnostics;

/// <summary>
/// A value read from storage for an observable instrument. <see cref="TryGet"/> answers at once with the last reading
/// and, when that is older than the interval, starts one new reading in the background: a metrics collector never
/// waits on storage, storage is read at most once per interval (never twice at once), and only while something
/// collects. The first collection answers nothing; a failed reading keeps the one before.
/// </summary>
/// <typeparam name="T">What one reading holds.</typeparam>
public sealed class CachedStorageReading<T>
{
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Action<Exception>? _failed;
    private Reading? _latest;
    private long _startedAt = long.MinValue;
    private int _reading;

    /// <summary>
    /// Reads with <paramref name="read"/> at most once per <paramref name="interval"/> (by <paramref name="time"/>),
    /// telling <paramref name="failed"/> of a reading that threw.
    /// </summary>
    public CachedStorageReading(
        Func<CancellationToken, Task<T>> read,
        TimeSpan interval,
        TimeProvider? time = null,
        Action<Exception>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _read = read;
        _interval = interval;
        _time = time ?? TimeProvider.System;
        _failed = failed;
    }

    /// <summary>
    /// The last reading, if one has ended (<see langword="false"/> before), starting a new one when it is due.
    /// </summary>
    public bool TryGet(out T value)
    {
        var now = _time.GetTimestamp();
        var startedAt = Interlocked.Read(ref _startedAt);
        var due = startedAt == long.MinValue || _time.GetElapsedTime(startedAt, now) >= _interval;
        if (due && Interlocked.CompareExchange(ref _reading, 1, 0) == 0)
        {
            Interlocked.Exchange(ref _startedAt, now);
            // Off the collector's thread: a slow store delays the next reading, never the collection.
            _ = Task.Run(ReadAsync);
        }

        var latest = Volatile.Read(ref _latest);
        value = latest is null ? default! : latest.Value;
        return latest is not null;
    }

    private async Task ReadAsync()
    {
        try
        {
            Volatile.Write(ref _latest, new Reading(await _read(CancellationToken.None).ConfigureAwait(false)));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _failed?.Invoke(exception);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    private sealed record Reading(T Value);
}
