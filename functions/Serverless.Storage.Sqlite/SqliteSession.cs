using Microsoft.Data.Sqlite;

namespace Serverless.Storage.Sqlite;

/// <summary>
/// One open connection that stays open, with its commands cached by SQL text: a statement is compiled once per
/// connection and then only re-bound, instead of parsed and planned again on every call.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>
    /// The transaction the session's commands run in (the writer's group transaction), or none for a reader.
    /// </summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>
    /// The cached command for <paramref name="sql"/>, its parameters cleared and bound to <see cref="Transaction"/>.
    /// Owned by the session: do not dispose it, and dispose its readers before the next call.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
