namespace Serverless.Orders.Screening;

/// <summary>What the fraud screen made of an order.</summary>
/// <param name="Refused">Whether the score reached <see cref="OrderScreen.RefuseAtScore"/>.</param>
/// <param name="Score">The sum of the points of the rules that matched.</param>
/// <param name="Findings">One line per rule that matched, in the screen's rule order.</param>
public sealed record ScreenVerdict(bool Refused, int Score, IReadOnlyList<string> Findings);
