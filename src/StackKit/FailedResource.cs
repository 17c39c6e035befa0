namespace StackKit;

/// <summary>A resource that failed, and CloudFormation's reason.</summary>
/// <param name="LogicalResourceId">The resource's name in the template.</param>
/// <param name="ResourceType">e.g. <c>AWS::EC2::Instance</c>.</param>
/// <param name="Status">e.g. <see cref="ResourceStatus.CreateFailed"/>, <see cref="ResourceStatus.DeleteFailed"/>.</param>
/// <param name="Reason">CloudFormation's explanation.</param>
public sealed record FailedResource(string LogicalResourceId, string ResourceType, ResourceStatus Status, string? Reason)
{
    /// <summary>One line: resource, type, status and reason.</summary>
    public override string ToString() => $"{LogicalResourceId} ({ResourceType}) {Status}: {Reason ?? "no reason given"}";
}
