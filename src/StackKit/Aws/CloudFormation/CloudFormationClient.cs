using System.Xml.Linq;

namespace StackKit.Aws.CloudFormation;

/// <summary>The CloudFormation operations StackKit calls, mapped to and from the Query protocol.</summary>
internal sealed class CloudFormationClient(QueryTransport transport)
{
    /// <summary>CloudFormation's answer when a stack name or id is unknown (a ValidationError, not a 404).</summary>
    public static bool IsStackMissing(AwsServiceException error) =>
        error.ErrorCode == "ValidationError" && error.ErrorMessage.Contains("does not exist", StringComparison.Ordinal);

    public async Task<string> CreateStackAsync(StackChange change, string onFailure, CancellationToken cancellationToken)
    {
        var request = change.ToQuery("CreateStack")
            .Add("OnFailure", onFailure)
            .AddList("Tags", change.Tags, tag => [new("Key", tag.Key), new("Value", tag.Value)]);
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return result.RequiredText("StackId");
    }

    /// <summary>Starts an update; <paramref name="rollback"/> makes CloudFormation roll it back on those alarms.</summary>
    public async Task<string> UpdateStackAsync(StackChange change, RollbackConfiguration? rollback, CancellationToken cancellationToken)
    {
        var request = change.ToQuery("UpdateStack").Add("UsePreviousTemplate", change.TemplateBody is null ? "true" : null);
        rollback?.AddTo(request);
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return result.RequiredText("StackId");
    }

    public Task DeleteStackAsync(string stackId, string clientRequestToken, CancellationToken cancellationToken) =>
        SendAsync(new QueryRequest("DeleteStack").Add("StackName", stackId).Add("ClientRequestToken", clientRequestToken), cancellationToken);

    /// <summary>One stack by name or id; null when CloudFormation does not know it.</summary>
    public async Task<CloudFormationStack?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await SendAsync(new QueryRequest("DescribeStacks").Add("StackName", stackNameOrId), cancellationToken).ConfigureAwait(false);
            return result.Members("Stacks").Select(CloudFormationStack.FromXml).FirstOrDefault();
        }
        catch (AwsServiceException error) when (IsStackMissing(error))
        {
            return null;
        }
    }

    /// <summary>Every live stack in the region, all pages.</summary>
    public async Task<IReadOnlyList<CloudFormationStack>> DescribeStacksAsync(CancellationToken cancellationToken)
    {
        var stacks = new List<CloudFormationStack>();
        string? nextToken = null;
        do
        {
            var result = await SendAsync(new QueryRequest("DescribeStacks").Add("NextToken", nextToken), cancellationToken).ConfigureAwait(false);
            stacks.AddRange(result.Members("Stacks").Select(CloudFormationStack.FromXml));
            nextToken = result.ChildText("NextToken");
        }
        while (nextToken is not null);
        return stacks;
    }

    /// <summary>One page of events, newest first, and the token for the next (older) page.</summary>
    public async Task<(IReadOnlyList<StackEvent> Events, string? NextToken)> DescribeStackEventsAsync(
        string stackNameOrId, string? nextToken, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("DescribeStackEvents").Add("StackName", stackNameOrId).Add("NextToken", nextToken);
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (result.Members("StackEvents").Select(StackEvent.FromXml).ToList(), result.ChildText("NextToken"));
    }

    public async Task<IReadOnlyList<StackResource>> DescribeStackResourcesAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        var result = await SendAsync(new QueryRequest("DescribeStackResources").Add("StackName", stackNameOrId), cancellationToken).ConfigureAwait(false);
        // moto lists resources replaced by an update as bare members without a logical id; they name nothing usable.
        return result.Members("StackResources")
            .Where(member => member.ChildText("LogicalResourceId") is not null)
            .Select(StackResource.FromXml)
            .ToList();
    }

    public async Task<TemplateValidation> ValidateTemplateAsync(string templateBody, CancellationToken cancellationToken)
    {
        var result = await SendAsync(new QueryRequest("ValidateTemplate").Add("TemplateBody", templateBody), cancellationToken).ConfigureAwait(false);
        return new TemplateValidation(
            result.ChildText("Description"),
            result.Members("Parameters").Select(p => p.RequiredText("ParameterKey")).ToList(),
            result.Members("Capabilities").Select(c => c.Value).ToList());
    }

    /// <summary>The stack's template as it was submitted (JSON or YAML).</summary>
    public async Task<string> GetTemplateAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("GetTemplate").Add("StackName", stackNameOrId).Add("TemplateStage", "Original");
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return result.RequiredText("TemplateBody");
    }

    /// <summary>Creates an UPDATE change set named <paramref name="changeSetName"/> and returns its id (ARN).</summary>
    public async Task<string> CreateChangeSetAsync(StackChange change, string changeSetName, string description, CancellationToken cancellationToken)
    {
        var request = change.ToQuery("CreateChangeSet")
            .Add("ChangeSetName", changeSetName)
            .Add("ChangeSetType", "UPDATE")
            .Add("Description", description);
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return result.RequiredText("Id");
    }

    /// <summary>One page of a change set (by id, or by name with <paramref name="stackName"/>).</summary>
    public async Task<ChangeSetPage> DescribeChangeSetAsync(string changeSet, string? stackName, string? nextToken, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("DescribeChangeSet").Add("ChangeSetName", changeSet).Add("StackName", stackName).Add("NextToken", nextToken);
        return ChangeSetPage.FromXml(await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes a change set (by id, or by name with <paramref name="stackName"/>); nothing else changes.</summary>
    public Task DeleteChangeSetAsync(string changeSet, string? stackName, CancellationToken cancellationToken) =>
        SendAsync(new QueryRequest("DeleteChangeSet").Add("ChangeSetName", changeSet).Add("StackName", stackName), cancellationToken);

    /// <summary>Starts drift detection on every resource of the stack and returns the detection's id.</summary>
    public async Task<string> DetectStackDriftAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        var result = await SendAsync(new QueryRequest("DetectStackDrift").Add("StackName", stackNameOrId), cancellationToken).ConfigureAwait(false);
        return result.RequiredText("StackDriftDetectionId");
    }

    public async Task<DriftDetectionStatus> DescribeStackDriftDetectionStatusAsync(string detectionId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest("DescribeStackDriftDetectionStatus").Add("StackDriftDetectionId", detectionId);
        return DriftDetectionStatus.FromXml(await SendAsync(request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The last detection's result for each resource with one of <paramref name="statuses"/> (at most 4, botocore's
    /// limit), all pages.
    /// </summary>
    public async Task<IReadOnlyList<ResourceDrift>> DescribeStackResourceDriftsAsync(
        string stackNameOrId, IReadOnlyList<ResourceDriftStatus> statuses, CancellationToken cancellationToken)
    {
        var drifts = new List<ResourceDrift>();
        string? nextToken = null;
        do
        {
            var request = new QueryRequest("DescribeStackResourceDrifts")
                .Add("StackName", stackNameOrId)
                .AddList("StackResourceDriftStatusFilters", statuses.Select(status => status.Value))
                .Add("NextToken", nextToken);
            var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            drifts.AddRange(result.Members("StackResourceDrifts").Select(ResourceDriftXml.FromXml));
            nextToken = result.ChildText("NextToken");
        }
        while (nextToken is not null);
        return drifts;
    }

    private Task<XElement> SendAsync(QueryRequest request, CancellationToken cancellationToken) =>
        transport.SendAsync(AwsService.CloudFormation, request, cancellationToken);
}
