using System.Text.Json.Nodes;
using Amazon.SQS.Model;

namespace Serverless.Testing.Lambda;

/// <summary>
/// The event Lambda gives a function for a batch of SQS messages, in the documented shape: <c>Records</c>, each with
/// the message's id, receipt handle, body, system <c>attributes</c> (as received), <c>messageAttributes</c>,
/// <c>md5OfBody</c>, <c>eventSource</c> <c>aws:sqs</c>, the queue's ARN and the region.
/// </summary>
internal static class SqsEventJson
{
    public static string Build(MappedQueue queue, IEnumerable<Message> messages, string region)
    {
        var records = new JsonArray();
        foreach (var message in messages)
        {
            var attributes = new JsonObject();
            foreach (var (name, value) in message.Attributes ?? [])
            {
                attributes[name] = value;
            }

            var messageAttributes = new JsonObject();
            foreach (var (name, value) in message.MessageAttributes ?? [])
            {
                messageAttributes[name] = Attribute(value);
            }

            var record = new JsonObject
            {
                ["messageId"] = message.MessageId,
                ["receiptHandle"] = message.ReceiptHandle,
                ["body"] = message.Body,
                ["attributes"] = attributes,
                ["messageAttributes"] = messageAttributes,
                ["md5OfBody"] = message.MD5OfBody,
            };
            if (message.MD5OfMessageAttributes is { } attributesDigest)
            {
                record["md5OfMessageAttributes"] = attributesDigest;
            }

            record["eventSource"] = "aws:sqs";
            record["eventSourceARN"] = queue.Arn;
            record["awsRegion"] = region;
            records.Add(record);
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    private static JsonObject Attribute(MessageAttributeValue value)
    {
        var attribute = new JsonObject();
        if (value.StringValue is { } text)
        {
            attribute["stringValue"] = text;
        }

        if (value.BinaryValue is { } binary)
        {
            attribute["binaryValue"] = Convert.ToBase64String(binary.ToArray());
        }

        attribute["stringListValues"] = Strings(value.StringListValues ?? []);
        attribute["binaryListValues"] = Strings((value.BinaryListValues ?? [])
            .Select(item => Convert.ToBase64String(item.ToArray())));
        attribute["dataType"] = value.DataType;
        return attribute;
    }

    private static JsonArray Strings(IEnumerable<string> values) =>
        new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);
}
