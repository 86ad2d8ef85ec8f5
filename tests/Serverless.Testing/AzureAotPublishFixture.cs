namespace Serverless.Testing;

/// <summary>
/// The Native AOT host published with Azure Storage and Service Bus built in (<c>-p:Cloud=Azure</c>).
/// </summary>
public sealed class AzureAotPublishFixture() : AotPublishFixture(["-p:Cloud=Azure"]);
