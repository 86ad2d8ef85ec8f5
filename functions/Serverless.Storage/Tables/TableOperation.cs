namespace Serverless.Storage.Tables;

/// <summary>One write in an atomic batch. Create with the static factories.</summary>
public sealed record TableOperation
{
    /// <summary>The ETag that matches any existing entity.</summary>
    public const string AnyETag = "*";

    private TableOperation(TableOperationKind kind, TableEntity entity, string? ifMatch)
    {
        Kind = kind;
        Entity = entity;
        IfMatch = ifMatch;
    }

    /// <summary>What the operation does.</summary>
    public TableOperationKind Kind { get; }

    /// <summary>The entity written (for a delete, only its keys matter).</summary>
    public TableEntity Entity { get; }

    /// <summary>
    /// The ETag the stored entity must have, for <see cref="TableOperationKind.Replace"/> and
    /// <see cref="TableOperationKind.Delete"/>.
    /// </summary>
    public string? IfMatch { get; }

    /// <summary>Adds <paramref name="entity"/>; the batch fails if the row exists.</summary>
    public static TableOperation Insert(TableEntity entity) => new(TableOperationKind.Insert, entity, null);

    /// <summary>Adds or replaces <paramref name="entity"/>.</summary>
    public static TableOperation Upsert(TableEntity entity) => new(TableOperationKind.Upsert, entity, null);

    /// <summary>
    /// Replaces <paramref name="entity"/>; the batch fails unless the stored ETag is <paramref name="ifMatch"/>.
    /// </summary>
    public static TableOperation Replace(TableEntity entity, string ifMatch) =>
        new(TableOperationKind.Replace, entity, ifMatch);

    /// <summary>Deletes the row; the batch fails unless the stored ETag is <paramref name="ifMatch"/>.</summary>
    public static TableOperation Delete(string partitionKey, string rowKey, string ifMatch = AnyETag) =>
        new(TableOperationKind.Delete, new TableEntity(partitionKey, rowKey), ifMatch);
}
