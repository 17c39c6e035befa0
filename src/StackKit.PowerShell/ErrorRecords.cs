using System.Management.Automation;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.Logs;
using StackKit.Preflight;
using StackKit.SshKeys;
using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>
/// The core library's failures as ErrorRecords, each with a fitting category and id and, where one helps, the
/// command that fixes or resumes it.
/// </summary>
internal static class ErrorRecords
{
    // A stack left in one of these can only be removed.
    private static readonly StackStatus[] OnlyRemovable = [StackStatus.RollbackComplete, StackStatus.RollbackFailed, StackStatus.CreateFailed, StackStatus.DeleteFailed];

    /// <summary>
    /// The ErrorRecord for <paramref name="error"/>; null for errors that are not the user's to read (bugs), which then
    /// surface as they are. <paramref name="region"/> is asked only when the message names it.
    /// </summary>
    public static ErrorRecord? For(Exception error, object? target, Func<string> region) => error switch
    {
        StackNotFoundException notFound => new(notFound, "StackNotFound", ErrorCategory.ObjectNotFound, target)
        {
            ErrorDetails = new ErrorDetails(
                $"No stack named '{notFound.StackName}' exists in {region()}. Check the name and -Region; " +
                "Get-HttpServiceStack with no name lists the stacks StackKit created."),
        },
        StackOperationException failed => new(failed, "StackOperationFailed", ErrorCategory.InvalidResult, target)
        {
            ErrorDetails = new ErrorDetails(failed.Message)
            {
                // A create whose instances cannot come up is removed the same way, without waiting out its rollback.
                RecommendedAction = OnlyRemovable.Contains(failed.StackStatus)
                    || (failed.InstanceFailure is not null && (failed.StackStatus == StackStatus.CreateInProgress || failed.StackStatus == StackStatus.RollbackInProgress))
                    ? $"Remove-HttpServiceStack -StackName {failed.StackName}"
                    : failed.NextStep,
            },
        },
        StackWatchFailedException watchFailed => new(watchFailed, "StackWatchFailed", ErrorCategory.ConnectionError, target)
        {
            ErrorDetails = new ErrorDetails(
                $"Stack '{watchFailed.StackName}' exists and CloudFormation carries on, but watching it failed: {watchFailed.InnerException?.Message}")
            {
                RecommendedAction = $"Get-HttpServiceStack -StackName {watchFailed.StackName} -Wait",
            },
        },
        PreflightException refused => new(refused, "PreflightFailed." + refused.Check, ErrorCategory.InvalidArgument, target),
        StackNotManagedException notManaged => new(notManaged, "StackNotManagedByStackKit", ErrorCategory.PermissionDenied, target),
        SshKeyStoreMissingException noStore => new(noStore, "SshKeyStoreMissing", ErrorCategory.ObjectNotFound, target)
        {
            ErrorDetails = new ErrorDetails(noStore.Message) { RecommendedAction = "New-HttpServiceStack (without -NoFleetKeyStore) deploys a stack with the key store." },
        },
        LogGroupMissingException noLogs => new(noLogs, "LogGroupMissing", ErrorCategory.ObjectNotFound, target),
        ChangeSetFailedException noPreview => new(noPreview, "ChangeSetFailed", ErrorCategory.InvalidResult, target),
        StackWatchCanceledException canceled => new(canceled, "WaitCanceled", ErrorCategory.OperationStopped, target),
        ImagePublishException failed => new(failed, "ImagePublishFailed." + failed.Stage, CategoryOf(failed.Stage), target),
        // A first deploy whose build failed after its stack was created with the repository alone.
        StackException { InnerException: ImagePublishException failed } left => new(left, "ImagePublishFailed." + failed.Stage, CategoryOf(failed.Stage), target)
        {
            ErrorDetails = new ErrorDetails(left.Message) { RecommendedAction = $"Remove-HttpServiceStack -StackName {left.StackName}" },
        },
        StackException other => new(other, "StackRefused", ErrorCategory.InvalidOperation, target),
        AwsServiceException aws when aws.ErrorCode is "AccessDenied" or "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "UnrecognizedClientException"
            => new(aws, "AwsAuthenticationFailed", ErrorCategory.AuthenticationError, target),
        AwsServiceException aws when aws.StatusCode is null => new(aws, "AwsUnreachable", ErrorCategory.ConnectionError, target),
        AwsServiceException aws => new(aws, "AwsError." + aws.ErrorCode, ErrorCategory.InvalidOperation, target),
        ArgumentException invalid => new(invalid, "InvalidArgument", ErrorCategory.InvalidArgument, target)
        {
            // The message is for the person at the prompt, not the C# parameter name .NET appends.
            ErrorDetails = new ErrorDetails(invalid.ParamName is null ? invalid.Message : invalid.Message.Replace($" (Parameter '{invalid.ParamName}')", string.Empty)),
        },
        AwsConfigurationException setup => new(setup, "AwsNotConfigured", ErrorCategory.InvalidOperation, target),
        FormatException malformed => new(malformed, "AwsMalformedResponse", ErrorCategory.InvalidResult, target),
        _ => null,
    };

    private static ErrorCategory CategoryOf(ImagePublishStage stage) => stage switch
    {
        ImagePublishStage.Connect => ErrorCategory.ConnectionError,
        ImagePublishStage.Push => ErrorCategory.WriteError,
        ImagePublishStage.Build => ErrorCategory.InvalidResult,
        _ => ErrorCategory.ObjectNotFound,
    };
}
