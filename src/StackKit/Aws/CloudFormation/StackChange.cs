namespace StackKit.Aws.CloudFormation;

/// <summary>
/// The arguments CreateStack, UpdateStack and CreateChangeSet share. A parameter with a null value keeps its previous value
/// (<c>UsePreviousValue</c>); a null template keeps the previous template.
/// </summary>
internal sealed record StackChange(
    string StackName,
    string? TemplateBody,
    IReadOnlyList<KeyValuePair<string, string?>> Parameters,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string ClientRequestToken)
{
    public QueryRequest ToQuery(string action) => new QueryRequest(action)
        .Add("StackName", StackName)
        .Add("TemplateBody", TemplateBody)
        .AddList("Parameters", Parameters, parameter => parameter.Value is null
            ? [new("ParameterKey", parameter.Key), new("UsePreviousValue", "true")]
            : [new("ParameterKey", parameter.Key), new("ParameterValue", parameter.Value)])
        .AddList("Capabilities", Capabilities)
        // CreateChangeSet names its idempotency token differently from CreateStack and UpdateStack.
        .Add(action == "CreateChangeSet" ? "ClientToken" : "ClientRequestToken", ClientRequestToken);
}
