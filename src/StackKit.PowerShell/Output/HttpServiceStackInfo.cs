using StackKit.HttpService;
using StackKit.Stacks;

namespace StackKit.PowerShell.Output;

/// <summary>
/// A stack as the cmdlets write it: flat, sortable and serialisable (ConvertTo-Json, Export-Csv show values, never
/// .NET type names), and carrying the region and endpoint it came from, so piping it acts where it lives.
/// </summary>
public sealed class HttpServiceStackInfo
{
    /// <summary>The stack name.</summary>
    public required string Name { get; init; }

    /// <summary>The region the stack is in.</summary>
    public required string Region { get; init; }

    /// <summary>The endpoint it was read from when that is not AWS (moto, LocalStack); empty for AWS.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>CloudFormation's status, e.g. CREATE_COMPLETE.</summary>
    public required string Status { get; init; }

    /// <summary>Why the stack is in its status, when CloudFormation says.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The service's URL (the load balancer), once created.</summary>
    public string? Url { get; init; }

    /// <summary>Servers: desired (min-max), e.g. "2 (1-5)".</summary>
    public string? Servers => Capacity?.ToString();

    /// <summary>How many instances are healthy for Auto Scaling and the load balancer.</summary>
    public int Healthy => Instances.Count(instance => instance.IsHealthy);

    /// <summary>The Docker image the instances run.</summary>
    public string? DockerImage { get; init; }

    /// <summary>The EC2 instance type.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Desired, minimum and maximum servers, and the latest launch failure; null before the group exists.</summary>
    public CapacityInfo? Capacity { get; init; }

    /// <summary>Each instance and its health.</summary>
    public required InstanceList Instances { get; init; }

    /// <summary>
    /// Whether the alarm e-mail is confirmed: Confirmed, PendingConfirmation, Missing or Unknown; read for a named stack
    /// and by New-HttpServiceStack, null in a listing and for a stack without -NotificationEmail.
    /// </summary>
    public string? NotificationSubscription { get; init; }

    /// <summary>The stack's outputs (URL, KeyTable, ...).</summary>
    public required StringMap Outputs { get; init; }

    /// <summary>The stack's parameters; the password is never among them as a value (NoEcho).</summary>
    public required StringMap Parameters { get; init; }

    /// <summary>The stack's tags.</summary>
    public required StringMap Tags { get; init; }

    /// <summary>When the stack was created.</summary>
    public required DateTimeOffset CreationTime { get; init; }

    /// <summary>When the stack was last updated, if ever.</summary>
    public DateTimeOffset? LastUpdatedTime { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Status})";

    /// <summary>The object for <paramref name="stack"/>, read in <paramref name="region"/> at <paramref name="endpointUrl"/>.</summary>
    internal static HttpServiceStackInfo From(HttpServiceStack stack, string region, string? endpointUrl) => new()
    {
        Name = stack.Name,
        Region = region,
        EndpointUrl = endpointUrl,
        Status = stack.Status.ToString(),
        StatusReason = stack.StatusReason,
        Url = stack.Url?.OriginalString,
        DockerImage = stack.DockerImage is { Length: > 0 } image ? image : null,
        InstanceType = stack.InstanceType is { Length: > 0 } type ? type : null,
        Capacity = stack.Capacity is { } capacity ? new CapacityInfo(capacity.DesiredCapacity, capacity.MinSize, capacity.MaxSize, capacity.AutoScalingGroupName, capacity.LaunchFailure) : null,
        Instances = new InstanceList(stack.Instances.Select(InstanceInfo.From)),
        NotificationSubscription = stack.NotificationSubscription?.State.ToString(),
        Outputs = new StringMap(stack.Outputs),
        Parameters = new StringMap(stack.Parameters),
        Tags = new StringMap(stack.Tags),
        CreationTime = stack.CreationTime,
        LastUpdatedTime = stack.LastUpdatedTime,
    };
}
