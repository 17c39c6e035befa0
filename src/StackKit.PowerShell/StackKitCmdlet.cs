using System.Management.Automation;
using System.Runtime.ExceptionServices;
using Amazon.Runtime;
using StackKit.Aws;
using StackKit.PowerShell.Completion;
using StackKit.Logs;
using StackKit.PowerShell.Output;
using StackKit.Preflight;
using StackKit.SshKeys;
using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>
/// What every StackKit cmdlet shares: where and as whom to call AWS (the AWS Tools for PowerShell parameter
/// names), Ctrl-C as cancellation, progress relayed from the core library, and errors as ErrorRecords.
/// </summary>
public abstract class StackKitCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    // One connection per region and endpoint: piped stacks from several regions each go where they came from.
    private readonly Dictionary<string, AwsConnection> _connections = new(StringComparer.Ordinal);
    private string? _typedRegion;
    private bool _endpointTyped;

    /// <summary>
    /// The AWS region, e.g. eu-west-1. Default: $StoredAWSRegion (Set-DefaultAWSRegion), then AWS_REGION,
    /// AWS_DEFAULT_REGION, or the profile's region.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public virtual string? Region { get; set; }

    /// <summary>One endpoint for every AWS call (moto, LocalStack). Default: AWS_ENDPOINT_URL(_SERVICE), then AWS.</summary>
    /// <remarks>Bound from piped stacks too, where it is empty for stacks read from AWS.</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public virtual Uri? EndpointUrl { get; set; }

    /// <summary>A stack from the pipeline (Get-HttpServiceStack's objects), to check it against a typed -Region.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public virtual HttpServiceStackInfo? PipedStack { get; set; }

    /// <summary>
    /// A profile in the shared AWS config and credentials files (SSO profiles included). Default: the credentials
    /// Set-AWSCredential stored ($StoredAWSCredentials), then the environment, AWS_PROFILE, or the default profile.
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>An access key id; with -SecretKey it replaces the credential chain.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    /// <summary>The secret access key that goes with -AccessKey.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    /// <summary>A session token for temporary credentials.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionToken { get; set; }

    /// <summary>Cancelled when the user presses Ctrl-C.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    /// <summary>
    /// The AWS connection, resolved on first use so -WhatIf never needs credentials. Resolve it on the pipeline
    /// thread (the Run/Await helpers do), as it writes the verbose line that says where calls go.
    /// </summary>
    protected AwsConnection Connection
    {
        get
        {
            if (PipedRegionConflict() is { } conflict)
            {
                throw new ArgumentException(conflict);
            }
            if (EndpointUrl is { } endpoint && !_endpointTyped && !IsOnThisMachine(endpoint))
            {
                // Any object with an EndpointUrl property binds; a CSV must not send signed calls (and a session token) elsewhere.
                throw new ArgumentException(
                    $"The piped object names the endpoint {endpoint}, which is not on this machine. StackKit sends signed requests to another " +
                    $"host only when you name it: add -EndpointUrl {endpoint} to the command.");
            }
            var key = $"{Region}|{EndpointUrl}";
            if (!_connections.TryGetValue(key, out var connection))
            {
                _connections[key] = connection = Connect();
            }
            return connection;
        }
    }

    /// <summary>The endpoint to carry on output objects: the one used, unless it is AWS's own.</summary>
    protected string? OutputEndpoint =>
        EndpointUrl?.ToString()
        ?? (Connection.EndpointFor(AwsService.CloudFormation) is var endpoint && ConnectionSources.Endpoint(null, endpoint) != "AWS" ? endpoint.ToString() : null);

    /// <summary>The HTTP service's stacks over <see cref="Connection"/> (one per region and endpoint, as piped stacks may differ).</summary>
    protected HttpServiceStacks Stacks => new(Connection);

    /// <summary>The object the cmdlets write for a stack: flat, with the region and endpoint it came from.</summary>
    protected HttpServiceStackInfo Output(HttpServiceStack stack) => HttpServiceStackInfo.From(stack, Connection.Region.SystemName, OutputEndpoint);

    /// <summary>The object the key cmdlets write for a key: flat, with the region and endpoint of its stack.</summary>
    protected SshKeyInfo Output(SshKey key) => SshKeyInfo.From(key, Connection.Region.SystemName, OutputEndpoint);

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        // Only what was typed is bound now; piped values are bound per record later.
        _typedRegion = MyInvocation.BoundParameters.ContainsKey(nameof(Region)) ? Region : null;
        _endpointTyped = MyInvocation.BoundParameters.ContainsKey(nameof(EndpointUrl));
    }

    // Uri.IsLoopback: localhost, 127.0.0.0/8 and ::1.
    private static bool IsOnThisMachine(Uri endpoint) => endpoint.IsLoopback;

    /// <summary>
    /// Where the piped object says its stack lives: a stack Get-HttpServiceStack wrote, or what a cmdlet pipes besides
    /// (Remove-HttpServiceSshKey: the keys Get-HttpServiceSshKey wrote); null when nothing such came down the pipeline.
    /// </summary>
    private protected virtual (string StackName, string Region, object Item)? PipedOrigin =>
        PipedStack is { } stack ? (stack.Name, stack.Region, stack) : null;

    /// <summary>Why a piped stack (or key) may not be acted on with the typed -Region, or null when it may.</summary>
    protected string? PipedRegionConflict() =>
        PipedOrigin is { } piped && _typedRegion is { } typed && !string.Equals(piped.Region, typed, StringComparison.OrdinalIgnoreCase)
            ? $"Stack '{piped.StackName}' came from {piped.Region}, but -Region says {typed}. Leave -Region out to act on the stack where it is, or get the stack from {typed}."
            : null;

    /// <summary>Writes the conflict of a piped stack with -Region as this record's error; true when there is none.</summary>
    protected bool PipedStackFitsRegion()
    {
        if (PipedRegionConflict() is not { } conflict)
        {
            return true;
        }
        WriteError(new ErrorRecord(new ArgumentException(conflict), "PipedStackInAnotherRegion", ErrorCategory.InvalidArgument, PipedOrigin?.Item));
        return false;
    }

    /// <summary>The region calls would go to, for -WhatIf messages that must not resolve credentials.</summary>
    protected string RegionWithoutConnecting() =>
        Region ?? AwsToolsSession.Region(GetVariableValue) ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "the profile's region";

    /// <inheritdoc />
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Runs a core operation that reports no progress, cancelled by Ctrl-C.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> operation)
    {
        _ = Connection;
        return Task.Run(() => operation(CancellationToken), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Runs a core operation, writing its stack events as progress and verbose lines while it waits.</summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<StackProgress>, CancellationToken, Task<T>> operation) =>
        RunWithProgress(activity, (progress, _, token) => operation(progress, token));

    /// <summary>Runs a core operation that reports only the checks' warnings, writing them as they come.</summary>
    protected T RunWithWarnings<T>(Func<IProgress<PreflightWarning>, CancellationToken, Task<T>> operation)
    {
        _ = Connection;
        return AsyncOperationRunner.Run<T, PreflightWarning>(
            operation,
            warning =>
            {
                if (!_stopping.IsCancellationRequested)
                {
                    WriteWarning(warning.Message);
                }
            },
            CancellationToken);
    }

    /// <summary>
    /// Runs a core operation, writing the checks' warnings as warnings and its stack events as progress and verbose
    /// lines while it waits, both on the pipeline thread and in the order they came.
    /// </summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<StackProgress>, IProgress<PreflightWarning>, CancellationToken, Task<T>> operation)
    {
        _ = Connection;
        var record = new ProgressRecord(activityId: 1, activity, "Starting");
        try
        {
            return AsyncOperationRunner.Run<T, object>(
                (reports, token) => operation(new Relay<StackProgress>(reports), new Relay<PreflightWarning>(reports), token),
                report =>
                {
                    if (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                    if (report is PreflightWarning warning)
                    {
                        WriteWarning(warning.Message);
                        return;
                    }
                    var step = (StackProgress)report;
                    WriteVerbose($"{step.Timestamp:HH:mm:ss} {step}");
                    record.StatusDescription = $"{step.LogicalResourceId}: {step.Status} ({step.ResourcesDone} of {step.ResourcesTotal} resources)";
                    record.PercentComplete = step.ResourcesTotal > 0 ? Math.Min(99, 100 * step.ResourcesDone / step.ResourcesTotal) : -1;
                    WriteProgress(record);
                },
                CancellationToken);
        }
        finally
        {
            // After Ctrl-C every Write call throws, which would hide why the operation ended.
            if (!_stopping.IsCancellationRequested)
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }
    }

    /// <summary>
    /// Turns a failure of the core library into an ErrorRecord with a fitting category and id; null for errors that
    /// are not the user's to read (bugs), which then surface as they are.
    /// </summary>
    protected ErrorRecord? ErrorRecordFor(Exception error, object? target) => error switch
    {
        StackNotFoundException notFound => new(notFound, "StackNotFound", ErrorCategory.ObjectNotFound, target)
        {
            ErrorDetails = new ErrorDetails(
                $"No stack named '{notFound.StackName}' exists in {Connection.Region.SystemName}. Check the name and -Region; " +
                "Get-HttpServiceStack with no name lists the stacks StackKit created."),
        },
        StackOperationException failed => new(failed, "StackOperationFailed", ErrorCategory.InvalidResult, target)
        {
            ErrorDetails = new ErrorDetails(failed.Message)
            {
                // A create whose instances cannot come up is removed the same way, without waiting out its rollback.
                RecommendedAction = failed.StackStatus.Value is "ROLLBACK_COMPLETE" or "ROLLBACK_FAILED" or "CREATE_FAILED" or "DELETE_FAILED"
                    || (failed.InstanceFailure is not null && failed.StackStatus.Value is "CREATE_IN_PROGRESS" or "ROLLBACK_IN_PROGRESS")
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

    /// <summary>Stops the cmdlet with a terminating error for a failure that concerns every stack (credentials, region, endpoint).</summary>
    protected void ThrowCommandError(Exception error, object? target)
    {
        var record = ErrorRecordFor(error, target);
        if (record is null)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
        ThrowTerminatingError(record);
    }

    /// <summary>
    /// Reports a per-stack failure without stopping the pipeline; unexpected errors are rethrown. After Ctrl-C it
    /// says how to resume watching and stops the pipeline.
    /// </summary>
    protected void WriteStackError(Exception error, object? target)
    {
        if (error is StackWatchCanceledException canceled && _stopping.IsCancellationRequested)
        {
            Host.UI?.WriteWarningLine(
                $"Stopped watching stack '{canceled.StackName}' (last seen {canceled.LastStatus?.Value ?? "before its first event"}). " +
                $"The stack was not touched and CloudFormation carries on; resume watching with: Get-HttpServiceStack -StackName {canceled.StackName} -Wait");
            throw new PipelineStoppedException();
        }
        var record = ErrorRecordFor(error, target);
        if (record is null)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
        WriteError(record);
    }

    /// <summary>
    /// ShouldProcess, except that -Force skips the prompt; -WhatIf (typed or inherited) still only describes, and
    /// -Verbose still shows the "Performing the operation" line PowerShell writes for an operation it goes ahead with.
    /// </summary>
    protected bool ShouldProcessUnlessForced(bool force, string target, string action)
    {
        if (!PipedStackFitsRegion())
        {
            return false;
        }
        if (!force || WhatIfInEffect())
        {
            return ShouldProcess(target, action);
        }
        WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
        return true;
    }

    /// <summary>Whether -WhatIf is in effect, typed here or inherited as $WhatIfPreference (so -Force never skips it).</summary>
    private protected bool WhatIfInEffect() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private AwsConnection Connect()
    {
        var (options, regionSource, credentialSource) = new ConnectionRequest(Region, EndpointUrl, ProfileName, AccessKey, SecretKey, SessionToken).Resolve(GetVariableValue);
        var connection = AwsConnection.Create(options);
        var endpoint = connection.EndpointFor(AwsService.CloudFormation);
        WriteVerbose(
            $"AWS: region {connection.Region.SystemName} (from {regionSource ?? ConnectionSources.DefaultRegion(connection.Region.SystemName, ProfileName)}), " +
            $"endpoint {endpoint} ({ConnectionSources.Endpoint(EndpointUrl, endpoint)}), credentials from {credentialSource}.");
        return connection;
    }

    /// <summary>Hands one kind of report to a queue that carries several, keeping their order.</summary>
    private sealed class Relay<TReport>(IProgress<object> reports) : IProgress<TReport>
        where TReport : notnull
    {
        public void Report(TReport value) => reports.Report(value);
    }
}
