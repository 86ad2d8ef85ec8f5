namespace Serverless.Storage.Tables;

/// <summary>Why a batch operation's precondition failed.</summary>
public enum TableConflictReason
{
    /// <summary>An insert found the row already there.</summary>
    EntityAlreadyExists,

    /// <summary>A replace or delete found no row.</summary>
    EntityNotFound,

    /// <summary>A replace or delete found the row with a different ETag.</summary>
    ETagMismatch,
}
