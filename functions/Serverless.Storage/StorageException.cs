namespace Serverless.Storage;

/// <summary>Base type of the errors a storage backend reports in port terms rather than its own.</summary>
public class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageException() { }

    /// <summary>Creates the exception with a message.</summary>
    public StorageException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the backend's own error.</summary>
    public StorageException(string message, Exception innerException) : base(message, innerException) { }
}
