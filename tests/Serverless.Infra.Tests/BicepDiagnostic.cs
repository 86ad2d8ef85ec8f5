namespace Serverless.Infra.Tests;

/// <summary>One diagnostic the Bicep CLI reported: rule or code, level, where and what.</summary>
internal sealed record BicepDiagnostic(string RuleId, string Level, string File, int Line, string Message)
{
    public override string ToString() => $"{File}({Line}): {Level} {RuleId}: {Message}";
}
