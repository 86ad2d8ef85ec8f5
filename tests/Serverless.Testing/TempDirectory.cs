namespace Serverless.Testing;

/// <summary>
/// A fresh directory under the system's temp folder, deleted (best effort) on dispose. <see cref="Create"/> and
/// <see cref="Delete"/> do the same for a test that keeps the path itself.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    private const string Root = "serverless-tests";

    public TempDirectory(string purpose = "dir") => Path = Create(purpose);

    public string Path { get; }

    /// <summary>Creates a fresh directory named after <paramref name="purpose"/> and returns its path.</summary>
    public static string Create(string purpose = "dir")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Root, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes <paramref name="path"/> and all it holds; a directory left behind harms no test.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose() => Delete(Path);
}
