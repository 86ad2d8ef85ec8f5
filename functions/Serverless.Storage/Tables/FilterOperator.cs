namespace Serverless.Storage.Tables;

/// <summary>An ordinal string comparison used by <see cref="PropertyFilter"/>.</summary>
public enum FilterOperator
{
    /// <summary>Equal.</summary>
    Equal,

    /// <summary>Not equal.</summary>
    NotEqual,

    /// <summary>Greater than.</summary>
    GreaterThan,

    /// <summary>Greater than or equal.</summary>
    GreaterThanOrEqual,

    /// <summary>Less than.</summary>
    LessThan,

    /// <summary>Less than or equal.</summary>
    LessThanOrEqual,
}
