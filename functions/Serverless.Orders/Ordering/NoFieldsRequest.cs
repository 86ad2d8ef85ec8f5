namespace Serverless.Orders.Ordering;

/// <summary>
/// The body of an action that takes no fields (approve, cancel): nothing, or <c>{}</c>. Read strictly, any property
/// is refused by name instead of being dropped (<c>/approve {"reason":"..."}</c> would lose the reason).
/// </summary>
public sealed record NoFieldsRequest;
