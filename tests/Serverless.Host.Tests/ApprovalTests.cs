using System.Net;
using Serverless.Host.Tests.Support;
using Serverless.Host.Tests.Support.Contracts;

namespace Serverless.Host.Tests;

/// <summary>Orders above the approval threshold (1000.00 by default) wait for an approve or reject decision.</summary>
[Collection(SharedHostCollection.Name)]
[Trait(Tier.Trait, Tier.Process)]
public sealed class ApprovalTests(SharedHostFixture fixture) : ApprovalScenarios(fixture);
