using System.Management.Automation;
using System.Runtime.ExceptionServices;
using StackKit.Aws;
using StackKit.PowerShell.Completion;
using StackKit.PowerShell.Output;
using StackKit.Preflight;
using StackKit.SshKeys;
using StackKit.Stacks;

namespace StackKit.PowerShell;

/// <summary>
/// What every StackKit cmdlet shares: where and as whom to call AWS (the AWS Tools for PowerShell parameter
/// names), Ctrl-C as cancellation, progress relayed from the core library, and errors as ErrorRecords. Each of those
/// lives in a part of its own (<see cref="ConnectionCache"/>, <see cref="PipedLocationGuard"/>,
/// <see cref="OperationReportWriter"/>, <see cref="ErrorRecords"/>, <see cref="ForcedShouldProcess"/>); this class
/// binds them to the cmdlet.
/// </summary>
public abstract class StackKitCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConnectionCache _connections = new();
    private PipedLocationGuard _typed = PipedLocationGuard.None;

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
            if ((PipedRegionConflict() ?? _typed.EndpointRefusal(EndpointUrl)) is { } refusal)
            {
                throw new ArgumentException(refusal);
            }
            return _connections.Get(new ConnectionRequest(Region, EndpointUrl, ProfileName, AccessKey, SecretKey, SessionToken), GetVariableValue, WriteVerbose);
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

    /// <summary>Warns, with what to do, when the stack's alarm e-mail is not confirmed (pending, expired or unreadable).</summary>
    protected void WarnUnconfirmedSubscription(HttpServiceStack stack)
    {
        if (stack.NotificationSubscription is { State: not NotificationSubscriptionState.Confirmed } subscription)
        {
            WriteWarning(subscription.Message);
        }
    }

    /// <summary>
    /// The moment a -Since argument means (<see cref="Cmdlets.GetHttpServiceLogCommand.StartOf"/>), or null without one;
    /// a value it cannot read ends the command with an InvalidSince error before anything is sent.
    /// </summary>
    protected DateTimeOffset? StartOfSince(object? since)
    {
        try
        {
            return since is null ? null : Cmdlets.GetHttpServiceLogCommand.StartOf(since, DateTimeOffset.UtcNow);
        }
        catch (ArgumentException invalid)
        {
            ThrowTerminatingError(new ErrorRecord(invalid, "InvalidSince", ErrorCategory.InvalidArgument, since));
            throw; // Not reached: ThrowTerminatingError always throws.
        }
    }

    /// <summary>The object the key cmdlets write for a key: flat, with the region and endpoint of its stack.</summary>
    protected SshKeyInfo Output(SshKey key) => SshKeyInfo.From(key, Connection.Region.SystemName, OutputEndpoint);

    /// <inheritdoc />
    protected override void BeginProcessing() => _typed = PipedLocationGuard.Typed(MyInvocation, Region);

    /// <summary>
    /// Where the piped object says its stack lives: a stack Get-HttpServiceStack wrote, or what a cmdlet pipes besides
    /// (Remove-HttpServiceSshKey: the keys Get-HttpServiceSshKey wrote); null when nothing such came down the pipeline.
    /// </summary>
    private protected virtual (string StackName, string Region, object Item)? PipedOrigin =>
        PipedStack is { } stack ? (stack.Name, stack.Region, stack) : null;

    /// <summary>Why a piped stack (or key) may not be acted on with the typed -Region, or null when it may.</summary>
    protected string? PipedRegionConflict() => _typed.RegionConflict(PipedOrigin);

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
        var writer = new OperationReportWriter(this, activity: null, CancellationToken);
        return AsyncOperationRunner.Run<T, PreflightWarning>(operation, writer.Write, CancellationToken);
    }

    /// <summary>
    /// Runs a core operation, writing the checks' warnings as warnings and its stack events as progress and verbose
    /// lines while it waits, both on the pipeline thread and in the order they came.
    /// </summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<StackProgress>, IProgress<PreflightWarning>, CancellationToken, Task<T>> operation) =>
        RunWithProgress(activity, (steps, warnings, _, token) => operation(steps, warnings, token));

    /// <summary>Like the overload without lines, and writes the operation's lines (a build's) as verbose lines and the progress bar's status.</summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<StackProgress>, IProgress<PreflightWarning>, IProgress<string>, CancellationToken, Task<T>> operation)
    {
        _ = Connection;
        var writer = new OperationReportWriter(this, activity, CancellationToken);
        try
        {
            return AsyncOperationRunner.Run<T, object>(
                (reports, token) =>
                {
                    var (steps, warnings, lines) = OperationReportWriter.Split(reports);
                    return operation(steps, warnings, lines, token);
                },
                writer.Write,
                CancellationToken);
        }
        finally
        {
            writer.Complete();
        }
    }

    /// <summary>
    /// The ErrorRecord for a failure of the core library (<see cref="ErrorRecords"/>); null for errors that are not
    /// the user's to read (bugs), which then surface as they are.
    /// </summary>
    protected ErrorRecord? ErrorRecordFor(Exception error, object? target) => ErrorRecords.For(error, target, () => Connection.Region.SystemName);

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
    /// ShouldProcess for a piped stack in the region it came from, with -Force skipping the prompt but never -WhatIf
    /// (<see cref="ForcedShouldProcess"/>).
    /// </summary>
    protected bool ShouldProcessUnlessForced(bool force, string target, string action) =>
        PipedStackFitsRegion() && ForcedShouldProcess.Decide(this, force, target, action);

    /// <summary>Whether -WhatIf is in effect, typed here or inherited as $WhatIfPreference (so -Force never skips it).</summary>
    private protected bool WhatIfInEffect() => ForcedShouldProcess.WhatIfInEffect(this);

    /// <inheritdoc />
    public void Dispose()
    {
        _connections.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
