namespace Serverless.Storage.Azure.Diagnostics;

/// <summary>The Azure Storage service a request goes to.</summary>
public enum AzureStorageService
{
    /// <summary>Azure Tables.</summary>
    Table,

    /// <summary>Azure Storage Queues.</summary>
    Queue,
}
