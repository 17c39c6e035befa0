using StackKit.Resources.Iam;
using StackKit.Resources.Logs;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The stack's log group, which every instance's container writes to (Docker's awslogs driver, one stream per
/// instance), with its retention as a parameter, and the one policy the instance role gets for it: create a stream
/// and put events in this group, nothing else.
/// </summary>
internal static class CentralLogs
{
    /// <summary>The log group's logical id, by which a stack's central group is found among its other groups.</summary>
    public const string LogGroupLogicalId = "LogGroup";

    /// <summary>The retention parameter's name.</summary>
    public const string RetentionParameter = "LogRetentionDays";

    /// <summary>What Docker's awslogs driver calls: it makes the instance's stream, then puts the container's lines.</summary>
    public static readonly IReadOnlyList<string> ServerActions = ["logs:CreateLogStream", "logs:PutLogEvents"];

    // CloudWatch Logs accepts only these retention periods.
    private static readonly string[] RetentionDays =
        ["1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545", "731", "1096", "1827", "2192", "2557", "2922", "3288", "3653"];

    public static LogGroup Add(Template template, KeyStore keyStore)
    {
        var retention = template.Add(new Parameter(RetentionParameter, ParameterTypes.Number)
        {
            Description = "How many days the service's central logs are kept.",
            Default = "14",
            ConstraintDescription = "one of CloudWatch Logs' retention periods: " + string.Join(", ", RetentionDays),
        });
        foreach (var days in RetentionDays)
        {
            retention.AllowedValues.Add(days);
        }
        var group = template.Add(new LogGroup(LogGroupLogicalId) { RetentionInDays = retention.RefAs<int>(), Tags = HttpServiceTemplate.StackNameTags() });
        // The logs belong to the stack, as its keys do: they go with it.
        group.DeletionPolicy = DeletionPolicy.Delete;
        group.UpdateReplacePolicy = DeletionPolicy.Delete;
        keyStore.Role.Policies =
        [
            .. keyStore.Role.Policies ?? [],
            new Policy
            {
                PolicyName = "LogGroupWrite",
                PolicyDocument = new PolicyDocument
                {
                    Version = PolicyDocument.CurrentVersion,
                    Statement =
                    [
                        new PolicyStatement { Effect = Effect.Allow, Action = ServerActions.Select(action => (Value<string>)action).ToArray(), Resource = new[] { group.Arn } },
                    ],
                },
            },
        ];
        return group;
    }
}
