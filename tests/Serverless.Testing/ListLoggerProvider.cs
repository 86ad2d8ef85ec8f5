using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Serverless.Testing;

/// <summary>Keeps every formatted log message with its category, to assert on what the code logs.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _entries = new();

    /// <summary>Every message so far, oldest first.</summary>
    public IReadOnlyList<string> Messages => [.. _entries.Select(e => e.Message)];

    /// <summary>Every message so far with its logger's category, oldest first.</summary>
    public IReadOnlyList<(string Category, string Message)> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class ListLogger(string category, ConcurrentQueue<(string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, formatter(state, exception)));
    }
}
