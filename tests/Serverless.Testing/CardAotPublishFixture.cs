namespace Serverless.Testing;

/// <summary>The Native AOT host published with the card gateway built in (<c>-p:Payments=Card</c>).</summary>
public sealed class CardAotPublishFixture() : AotPublishFixture(["-p:Payments=Card"]);
