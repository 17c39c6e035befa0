using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>A stack as StackKit reports it.</summary>
public sealed class StackInfo
{
    /// <summary>The stack's name.</summary>
    public required string Name { get; init; }

    /// <summary>The stack's ARN, which stays valid after the stack is deleted.</summary>
    public required string Id { get; init; }

    /// <summary>CloudFormation's status, e.g. CREATE_COMPLETE.</summary>
    public required string Status { get; init; }

    /// <summary>Why the stack has its status, when CloudFormation says.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Where the service answers: the template's <c>URL</c> output, when it has one.</summary>
    public string? Url { get; init; }

    /// <summary>Every template output by key.</summary>
    public required IReadOnlyDictionary<string, string> Outputs { get; init; }

    /// <summary>The parameter values the stack runs with (NoEcho ones masked by CloudFormation).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The stack's tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>When the stack was created.</summary>
    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>When the stack was last updated, if ever.</summary>
    public DateTimeOffset? LastUpdatedTime { get; init; }

    /// <summary>Live capacity and instance health; filled in by get and list, null when the stack has no Auto Scaling group.</summary>
    public StackCapacity? Capacity { get; init; }

    internal static StackInfo From(CloudFormationStack stack, StackCapacity? capacity = null) => new()
    {
        Name = stack.StackName,
        Id = stack.StackId,
        Status = stack.StackStatus,
        StatusReason = stack.StackStatusReason,
        Url = stack.Outputs.TryGetValue("URL", out var url) ? url : null,
        Outputs = stack.Outputs,
        Parameters = stack.Parameters,
        Tags = stack.Tags,
        CreationTime = stack.CreationTime,
        LastUpdatedTime = stack.LastUpdatedTime,
        Capacity = capacity,
    };
}
