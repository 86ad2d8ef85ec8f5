using System.Diagnostics.CodeAnalysis;

namespace Serverless.Payments.Card;

/// <summary>
/// Whether this build carries the card gateway. On unless a trimmed or Native AOT publish sets the feature switch
/// <see cref="Switch"/> to false (the host's default publish does: docs/builds.md); the trimmer then folds
/// <see cref="IsSupported"/> to false and drops the client, the HTTP stack and Polly with it.
/// </summary>
public static class CardPaymentsFeature
{
    /// <summary>The feature switch's name.</summary>
    public const string Switch = "Serverless.Payments.Card";

    /// <summary>Whether the card gateway can be used in this build.</summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;
}
