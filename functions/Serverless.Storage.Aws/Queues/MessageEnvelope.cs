using System.Globalization;
using Amazon.SQS.Model;

namespace Serverless.Storage.Aws.Queues;

/// <summary>
/// What a message re-sent by this backend (a delay hop, a poison copy, a moved message) carries as SQS message
/// attributes, so that it reads as the message first sent: its id, when it was first sent and, for a hop, when it is
/// due. A plain send carries none: its SQS id and <c>SentTimestamp</c> are its own.
/// </summary>
internal sealed record MessageEnvelope(string Id, DateTimeOffset SentAt, DateTimeOffset? DueAt)
{
    public const string IdAttribute = "ServerlessId";
    public const string SentAttribute = "ServerlessSent";
    public const string DueAttribute = "ServerlessDue";

    public static readonly List<string> AttributeNames = [IdAttribute, SentAttribute, DueAttribute];

    public Dictionary<string, MessageAttributeValue> ToAttributes()
    {
        var attributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
        {
            [IdAttribute] = new() { DataType = "String", StringValue = Id },
            [SentAttribute] = Number(SentAt),
        };
        if (DueAt is { } due)
        {
            attributes[DueAttribute] = Number(due);
        }

        return attributes;
    }

    /// <summary>The envelope <paramref name="message"/> carries, or <see langword="null"/> for a plain send.</summary>
    public static MessageEnvelope? Read(Message message)
    {
        if (message.MessageAttributes is not { } attributes
            || !attributes.TryGetValue(IdAttribute, out var id)
            || !attributes.TryGetValue(SentAttribute, out var sent))
        {
            return null;
        }

        return new MessageEnvelope(
            id.StringValue,
            Time(sent),
            attributes.TryGetValue(DueAttribute, out var due) ? Time(due) : null);
    }

    private static MessageAttributeValue Number(DateTimeOffset time) => new()
    {
        DataType = "Number",
        StringValue = time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset Time(MessageAttributeValue value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value.StringValue, CultureInfo.InvariantCulture));
}
