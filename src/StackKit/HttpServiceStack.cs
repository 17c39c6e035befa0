using StackKit.Aws.CloudFormation;
using StackKit.HttpService;

namespace StackKit;

/// <summary>An HTTP service stack as it is now: where it lives, its status, where it answers, what it runs and how many servers.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A stack of the HTTP service: the name users look for.")]
public sealed record HttpServiceStack
{
    /// <summary>The stack's name.</summary>
    public required string Name { get; init; }

    /// <summary>The stack's ARN, which stays valid after the stack is deleted.</summary>
    public required string StackId { get; init; }

    /// <summary>The region the stack lives in.</summary>
    public required string Region { get; init; }

    /// <summary>The endpoint it was read from (a local emulator, a proxy); null for AWS's own.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>CloudFormation's status.</summary>
    public required StackStatus Status { get; init; }

    /// <summary>Why the stack has its status, when CloudFormation says.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Where the service answers (the template's <c>URL</c> output); null until the load balancer exists.</summary>
    public Uri? Url { get; init; }

    /// <summary>The Docker image the servers run (the <c>DockerImage</c> parameter).</summary>
    public required string DockerImage { get; init; }

    /// <summary>The servers' EC2 instance type (the <c>InstanceType</c> parameter).</summary>
    public required string InstanceType { get; init; }

    /// <summary>Live capacity: desired, min, max and each instance; null when the stack has no Auto Scaling group (yet).</summary>
    public StackCapacity? Capacity { get; init; }

    /// <summary>The instances and their health; empty without capacity.</summary>
    public IReadOnlyList<InstanceHealth> Instances => Capacity?.Instances ?? [];

    /// <summary>
    /// Whether the alarm e-mail (<see cref="HttpServiceOptions.NotificationEmail"/>) is confirmed, read for one stack
    /// (get, diagnose, create); null in a listing, for a stack without the option, or before its topic exists.
    /// </summary>
    public NotificationSubscription? NotificationSubscription { get; init; }

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

    /// <summary>Name and status, e.g. <c>web (CREATE_COMPLETE)</c>.</summary>
    public override string ToString() => $"{Name} ({Status})";

    internal static HttpServiceStack From(CloudFormationStack stack, string region, Uri? endpointUrl, StackCapacity? capacity = null) => new()
    {
        Name = stack.StackName,
        StackId = stack.StackId,
        Region = region,
        EndpointUrl = endpointUrl,
        Status = stack.StackStatus,
        StatusReason = stack.StackStatusReason,
        Url = stack.Outputs.TryGetValue(HttpServiceNames.UrlOutput, out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null,
        DockerImage = stack.Parameters.TryGetValue(HttpServiceNames.DockerImage, out var image) ? image : "",
        InstanceType = stack.Parameters.TryGetValue(HttpServiceNames.InstanceType, out var type) ? type : "",
        Capacity = capacity,
        Outputs = stack.Outputs,
        Parameters = stack.Parameters,
        Tags = stack.Tags,
        CreationTime = stack.CreationTime,
        LastUpdatedTime = stack.LastUpdatedTime,
    };
}
