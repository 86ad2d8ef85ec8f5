namespace Serverless.Storage.Tables;

/// <summary>What a <see cref="TableOperation"/> does.</summary>
public enum TableOperationKind
{
    /// <summary>
    /// Adds the entity; fails with <see cref="TableConflictReason.EntityAlreadyExists"/> if it exists.
    /// </summary>
    Insert,

    /// <summary>Adds or replaces the entity unconditionally.</summary>
    Upsert,

    /// <summary>Replaces the entity if its ETag matches (or <c>*</c>: if it exists).</summary>
    Replace,

    /// <summary>Deletes the entity if its ETag matches (or <c>*</c>: if it exists).</summary>
    Delete,
}
