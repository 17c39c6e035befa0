using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackKit.Tests.FirstBoot;

/// <summary>
/// The fleet's key table as the rendered stack would have it, for a moto_server inside the rehearsal's namespace: its
/// physical name and DynamoDB's CreateTable input, translated from the template's own <c>KeyTable</c> properties (so
/// a change to the table in the template reaches the rehearsal, and one this translation does not know fails it).
/// </summary>
internal sealed record KeyTableStandIn(string TableName, string Region, string CreateTableInput)
{
    public const string LogicalId = "KeyTable";

    /// <summary>The table of <paramref name="templateJson"/> rendered for one stack, or null when it has none.</summary>
    public static KeyTableStandIn? From(string templateJson, string stackName, string region)
    {
        var resources = JsonNode.Parse(templateJson)!["Resources"]!.AsObject();
        if (!resources.TryGetPropertyValue(LogicalId, out var table))
        {
            return null;
        }

        Assert.Equal("AWS::DynamoDB::Table", table!["Type"]!.GetValue<string>());
        var name = RenderedUserData.PhysicalId(stackName, LogicalId);
        var input = new JsonObject { [nameof(TableName)] = name };
        foreach (var (property, value) in table["Properties"]!.AsObject())
        {
            if (property == "TimeToLiveSpecification")
            {
                // Not CreateTable's (it is UpdateTimeToLive's), and nothing on a server relies on it: DynamoDB deletes
                // expired items lazily, up to days late, so the sync itself ignores expired items.
                continue;
            }
            input[property] = property switch
            {
                "AttributeDefinitions" or "KeySchema" or "BillingMode" => value!.DeepClone(),
                // CloudFormation's SSEEnabled is the API's Enabled.
                "SSESpecification" => new JsonObject { ["Enabled"] = value!["SSEEnabled"]!.DeepClone() },
                // CreateTable's StreamSpecification names StreamEnabled, which CloudFormation's implies.
                "StreamSpecification" => new JsonObject { ["StreamEnabled"] = true, ["StreamViewType"] = value!["StreamViewType"]!.DeepClone() },
                "Tags" => new JsonArray(value!.AsArray().Select(tag => (JsonNode)new JsonObject
                {
                    ["Key"] = tag!["Key"]!.DeepClone(),
                    ["Value"] = Resolve(tag["Value"]!, stackName),
                }).ToArray()),
                _ => throw new InvalidOperationException($"The rehearsal does not know how to create the key table's property {property}; add it to KeyTableStandIn."),
            };
        }
        return new KeyTableStandIn(name, region, input.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonNode Resolve(JsonNode value, string stackName) => value switch
    {
        JsonValue text => text.DeepClone(),
        JsonObject { Count: 1 } reference when reference["Ref"]?.GetValue<string>() == "AWS::StackName" => JsonValue.Create(stackName),
        _ => throw new InvalidOperationException($"The rehearsal cannot resolve the key table's tag value {value.ToJsonString()}."),
    };
}
