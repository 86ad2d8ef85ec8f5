using System.Net;
using Serverless.Host.Tests.Support;

namespace Serverless.Host.Tests.BadInput;

/// <summary>The rows of the instance-management and poison-queue routes.</summary>
public static partial class BadInputCases
{
    private const string Instances = HostClient.ManagementPrefix;
    private const string Poison = "runtime/webhooks/queues/poison";

    private static Dictionary<string, Func<BadInputTarget, MalformedRequest>> ManagementCases() => new()
    {
        ["instances: runtimeStatus=Nope"] = _ =>
            Refused("runtimeStatus", HttpMethod.Get, $"{Instances}?runtimeStatus=Nope"),
        ["instances: a runtimeStatus that cannot be listed"] = _ =>
            Refused("runtimeStatus", HttpMethod.Get, $"{Instances}?runtimeStatus=Running,ContinuedAsNew"),
        ["instances: top=-1"] = _ => Refused("top", HttpMethod.Get, $"{Instances}?top=-1"),
        ["instances: top=0"] = _ => Refused("top", HttpMethod.Get, $"{Instances}?top=0"),
        ["instances: top=abc"] = _ => Refused("top", HttpMethod.Get, $"{Instances}?top=abc"),
        ["instances: createdTimeFrom=yesterday"] = _ =>
            Refused("createdTimeFrom", HttpMethod.Get, $"{Instances}?createdTimeFrom=yesterday"),
        ["instances: createdTimeTo on the 45th of the 13th month"] = _ =>
            Refused("createdTimeTo", HttpMethod.Get, $"{Instances}?createdTimeTo=2026-13-45"),
        ["instance: showHistory=maybe"] = t =>
            Refused("showHistory", HttpMethod.Get, $"{Instance(t)}?showHistory=maybe"),
        ["instance: showHistoryOutput=2"] = t =>
            Refused("showHistoryOutput", HttpMethod.Get, $"{Instance(t)}?showHistory=true&showHistoryOutput=2"),
        ["instance: showInput=no"] = t => Refused("showInput", HttpMethod.Get, $"{Instance(t)}?showInput=no"),
        ["raiseEvent: a payload that is not JSON"] = t =>
            Refused("$", HttpMethod.Post, $"{Instance(t)}/raiseEvent/approve", Json("{not json")),
        ["raiseEvent: a payload over 64 KiB"] = t => Answered(
            HttpStatusCode.RequestEntityTooLarge,
            HttpMethod.Post,
            $"{Instance(t)}/raiseEvent/approve",
            Json(Oversize("\"approved\":true"))),
        ["raiseEvent: a chunked payload over 64 KiB"] = t => Answered(
            HttpStatusCode.RequestEntityTooLarge,
            HttpMethod.Post,
            $"{Instance(t)}/raiseEvent/approve",
            new ChunkedJsonContent(Oversize("\"approved\":true"))),
        ["poison: top=0"] = _ => Refused("top", HttpMethod.Get, $"{Poison}/order-events-poison?top=0"),
        ["poison: top=33"] = _ => Refused("top", HttpMethod.Get, $"{Poison}/order-events-poison?top=33"),
        ["poison: a queue that is not a poison queue of the host"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Get, $"{Poison}/order-events"),
        ["poison: re-queue all of an unknown queue"] = _ =>
            Answered(HttpStatusCode.NotFound, HttpMethod.Post, $"{Poison}/orders-poison/requeue"),
        ["poison: re-queue a message that is not there"] = _ => Answered(
            HttpStatusCode.NotFound,
            HttpMethod.Post,
            $"{Poison}/order-events-poison/messages/no-such-id/requeue"),
    };

    private static string Instance(BadInputTarget target) => $"{Instances}/{target.AwaitingOrderId}";
}
