namespace Serverless.Storage.Tables;

/// <summary>A comparison of one string property with a value (ordinal), for cross-partition queries.</summary>
/// <param name="Property">The property name; an entity without it never matches.</param>
/// <param name="Operator">How to compare.</param>
/// <param name="Value">The value to compare with.</param>
public sealed record PropertyFilter(string Property, FilterOperator Operator, string Value)
{
    /// <summary>Whether <paramref name="entity"/> satisfies this filter.</summary>
    public bool Matches(TableEntity entity)
    {
        if (entity[Property] is not { } actual)
        {
            return false;
        }

        var comparison = string.CompareOrdinal(actual, Value);
        return Operator switch
        {
            FilterOperator.Equal => comparison == 0,
            FilterOperator.NotEqual => comparison != 0,
            FilterOperator.GreaterThan => comparison > 0,
            FilterOperator.GreaterThanOrEqual => comparison >= 0,
            FilterOperator.LessThan => comparison < 0,
            FilterOperator.LessThanOrEqual => comparison <= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(entity), Operator, "Unknown operator."),
        };
    }
}
