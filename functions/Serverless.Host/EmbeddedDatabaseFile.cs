using Serverless.Hosting;

namespace Serverless.Host;

/// <summary>The embedded database's file, in a data directory that exists and that this process can write.</summary>
internal sealed record EmbeddedDatabaseFile(string Path)
{
    public const string FileName = "serverless.db";

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and checks it takes a file (with a file of its own: opening the
    /// database here and closing it would drop the SQLite locks this process may hold on it).
    /// </summary>
    public static EmbeddedDatabaseFile Prepare(string directory)
    {
        var fullPath = System.IO.Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(fullPath);
            var probe = System.IO.Path.Combine(fullPath, $".write-check-{Environment.ProcessId}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UnavailableResourceException(
                $"The data directory {fullPath} (--data-dir, Serverless:DataDir) cannot be written: " +
                    $"{exception.Message} Choose a directory this user can write.",
                exception);
        }

        return new EmbeddedDatabaseFile(System.IO.Path.Combine(fullPath, FileName));
    }
}
