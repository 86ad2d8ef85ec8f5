namespace Serverless.Conformance.Tests.Scenarios;

/// <summary>Holds once the instance's custom status is the JSON string <paramref name="Status"/>.</summary>
/// <param name="Status">The expected custom status (a string value).</param>
public sealed record CustomStatusTrigger(string Status) : StepTrigger
{
    /// <inheritdoc/>
    public override string ToString() => $"when custom status is \"{Status}\"";
}
