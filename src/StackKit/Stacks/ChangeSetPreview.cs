using StackKit.Aws;
using StackKit.Aws.CloudFormation;

namespace StackKit.Stacks;

/// <summary>
/// Previews an update with CloudFormation's own change set: creates it with the update's template and parameters,
/// waits until it is ready, reads every page of it, and always deletes it again, also when the caller cancels or a
/// call fails, so the stack and its change sets stay as they were.
/// </summary>
internal sealed class ChangeSetPreview(AwsConnection aws, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Change sets are ready in seconds; one that takes longer than this is given up (and deleted).</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The deletion's own bound: it runs even after the caller cancelled, but not forever.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The masked value CloudFormation shows for a NoEcho parameter.</summary>
    private const string Masked = "****";

    /// <param name="request">The update to preview; a null template means the stack's current one.</param>
    /// <param name="secretParameters">Parameters whose values are never shown (the template's NoEcho ones).</param>
    /// <param name="cancellationToken">Cancels the wait; the change set is deleted all the same.</param>
    public async Task<StackChangePreview> PreviewAsync(UpdateStackRequest request, IReadOnlyCollection<string> secretParameters, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(request.StackName, nameof(request));
        StackInputRules.CheckParameters(request.Parameters, nameof(request));
        if (request.TemplateBody is not null)
        {
            StackInputRules.CheckTemplateBody(request.TemplateBody, nameof(request));
        }
        var stack = await aws.CloudFormation.DescribeStackAsync(request.StackName, cancellationToken).ConfigureAwait(false)
            ?? throw new StackNotFoundException(request.StackName, aws.Region.SystemName);
        var lifecycle = new StackLifecycle(aws, time);
        lifecycle.RequireManaged(stack, "preview an update of");
        var parameters = UpdateParameters.For(stack, request);
        // moto (and so the tests) cannot create a change set with UsePreviousTemplate: the current template is sent as it is.
        var templateBody = request.TemplateBody ?? await aws.CloudFormation.GetTemplateAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        var name = $"stackkit-preview-{Guid.NewGuid():N}";
        var change = new StackChange(stack.StackName, templateBody, parameters, request.Capabilities, [], name);

        string? changeSetId = null;
        var mayExist = true;
        Exception? failure = null;
        try
        {
            try
            {
                changeSetId = await aws.CloudFormation.CreateChangeSetAsync(change, name, "StackKit preview: deleted as soon as it is read.", cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException refused) when (refused.StatusCode is { } status && (int)status < 500 && refused.ErrorCode != "AlreadyExistsException")
            {
                // A definite refusal: no change set was made. (AlreadyExists is a retry whose first attempt made it.)
                mayExist = false;
                throw;
            }
            var changes = await ReadWhenReadyAsync(stack.StackName, changeSetId, cancellationToken).ConfigureAwait(false);
            return new StackChangePreview
            {
                StackName = stack.StackName,
                Changes = changes,
                ParameterChanges = ParameterChanges(stack.Parameters, request.Parameters, secretParameters),
                // The last detection's result, not a new one: detection takes seconds to minutes, a preview should not.
                Drift = await new DriftDetection(lifecycle).LastResultAsync(stack, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            if (mayExist)
            {
                // By id once known; by name when the create's answer never came (a dropped connection, a cancel).
                await DeleteAsync(stack, changeSetId ?? name, changeSetId is null, failure).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ResourceChangePreview>> ReadWhenReadyAsync(string stackName, string changeSetId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + ReadyTimeout;
        var page = await aws.CloudFormation.DescribeChangeSetAsync(changeSetId, null, null, cancellationToken).ConfigureAwait(false);
        while (page.Status.IsBeingCreated)
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new ChangeSetFailedException(stackName, $"the change set was not ready within {ReadyTimeout.TotalMinutes} minutes.");
            }
            await time.DelayAsync(PollInterval, cancellationToken).ConfigureAwait(false);
            page = await aws.CloudFormation.DescribeChangeSetAsync(changeSetId, null, null, cancellationToken).ConfigureAwait(false);
        }
        if (page.Status != ChangeSetStatus.CreateComplete)
        {
            // "The submitted information didn't contain changes." is CloudFormation's way to say: nothing to do.
            return page.StatusReason is { } reason && (reason.Contains("didn't contain changes", StringComparison.Ordinal) || reason.Contains("No updates", StringComparison.Ordinal))
                ? []
                : throw new ChangeSetFailedException(stackName, page.StatusReason ?? page.Status.Value);
        }
        var changes = new List<ResourceChangePreview>();
        while (true)
        {
            changes.AddRange(page.Changes.Select(Preview));
            if (page.NextToken is null)
            {
                return changes;
            }
            page = await aws.CloudFormation.DescribeChangeSetAsync(changeSetId, null, page.NextToken, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(CloudFormationStack stack, string changeSet, bool byName, Exception? failure)
    {
        using var bound = new CancellationTokenSource(CleanupTimeout);
        try
        {
            while (true)
            {
                try
                {
                    await aws.CloudFormation.DeleteChangeSetAsync(changeSet, byName ? stack.StackId : null, bound.Token).ConfigureAwait(false);
                    return;
                }
                catch (AwsServiceException busy) when (busy.ErrorCode == "InvalidChangeSetStatus")
                {
                    // CloudFormation deletes no change set while it is being made (a Ctrl-C during the wait): wait until it is made.
                    await time.DelayAsync(PollInterval, bound.Token).ConfigureAwait(false);
                }
            }
        }
        catch (AwsServiceException missing) when (byName && missing.ErrorCode == "ChangeSetNotFound")
        {
            // The create never reached CloudFormation, so there is nothing of that name to delete.
        }
        catch (Exception error) when (error is AwsServiceException or OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The preview's change set '{changeSet}' of stack '{stack.StackName}' could not be deleted ({error.Message}). " +
                $"It changes nothing, but delete it: aws cloudformation delete-change-set --stack-name {stack.StackName} --change-set-name {changeSet}" +
                (failure is null ? "" : $". The preview itself failed: {failure.Message}"),
                error);
        }
    }

    private static ResourceChangePreview Preview(ChangeSetResourceChange change) => new()
    {
        Action = new ResourceChangeAction(change.Action),
        LogicalId = change.LogicalResourceId,
        PhysicalId = change.PhysicalResourceId,
        ResourceType = change.ResourceType,
        Replacement = change.Replacement switch
        {
            "True" => ResourceReplacement.Always,
            "Conditional" => ResourceReplacement.Conditional,
            _ => ResourceReplacement.Never,
        },
        Causes = change.Causes,
    };

    private static List<ParameterChangePreview> ParameterChanges(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> given, IReadOnlyCollection<string> secretParameters) =>
        given.Where(pair => !(current.TryGetValue(pair.Key, out var old) && old == pair.Value))
            .Select(pair =>
            {
                var secret = secretParameters.Contains(pair.Key) || (current.TryGetValue(pair.Key, out var old) && old == Masked);
                return new ParameterChangePreview(pair.Key, current.TryGetValue(pair.Key, out var before) ? (secret ? Masked : before) : null, secret ? Masked : pair.Value);
            })
            .OrderBy(change => change.Name, StringComparer.Ordinal)
            .ToList();
}
