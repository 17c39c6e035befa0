using StackKit.Aws;
using StackKit.Logs;
using StackKit.Preflight;
using StackKit.SshKeys;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The HTTP service's stacks: deploys the service template with checked parameters, changes its parameters later,
/// after the checks before deploying (<see cref="PreflightException"/>), and manages the SSH keys every server of a
/// stack accepts; everything else is the plain <see cref="StackLifecycle"/>.
/// </summary>
/// <param name="stacks">The lifecycle to run on.</param>
public sealed class HttpServiceStacks(StackLifecycle stacks)
{
    /// <summary>The HTTP service's stacks over <paramref name="aws"/>.</summary>
    public HttpServiceStacks(AwsConnection aws)
        : this(new StackLifecycle(aws))
    {
    }

    /// <summary>The capability a template with IAM resources (the key store's instance role) must be created with.</summary>
    public const string IamCapability = "CAPABILITY_IAM";

    /// <summary>The lifecycle underneath, for get, list, delete and watch.</summary>
    public StackLifecycle Lifecycle { get; } = stacks ?? throw new ArgumentNullException(nameof(stacks));

    private SshKeyStore Keys => new(Lifecycle.Connection, Lifecycle.Time);

    /// <summary>How many resources a request's template declares: the denominator for progress.</summary>
    public static int ResourceCount(HttpServiceStackRequest request) => HttpServiceTemplate.Build(request?.Template).Resources.Count;

    /// <summary>
    /// Builds the service template, checks every parameter value against it, runs the checks before a deploy (see
    /// <see cref="HttpServiceStackRequest.SkipPreflight"/>), creates the stack and waits.
    /// </summary>
    /// <exception cref="ArgumentException">A bad option or parameter value; nothing was sent to AWS.</exception>
    /// <exception cref="PreflightException">A value would make every launch fail; nothing was sent to CloudFormation.</exception>
    /// <exception cref="StackOperationException">Creation failed: carries the root cause.</exception>
    public async Task<StackInfo> CreateAsync(HttpServiceStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stack = await CheckedRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await Lifecycle.CreateAsync(stack, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="CreateAsync"/>, but returns once CloudFormation accepted the stack, without waiting.</summary>
    /// <exception cref="ArgumentException">A bad option or parameter value; nothing was sent to AWS.</exception>
    /// <exception cref="PreflightException">A value would make every launch fail; nothing was sent to CloudFormation.</exception>
    public async Task<StackInfo> StartCreateAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default)
    {
        var stack = await CheckedRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await Lifecycle.StartCreateAsync(stack, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes the given parameters (a new <c>DockerImage</c>, say), keeping every other value and the template, and waits.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter the service template does not have, or a bad value; nothing was sent.</exception>
    public Task<StackUpdateResult> UpdateAsync(string stackName, IReadOnlyDictionary<string, string> parameters, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(new HttpServiceStackUpdate { StackName = stackName, Parameters = parameters }, progress, cancellationToken);

    /// <summary>
    /// Changes the given parameters, keeping every other value and the template, after checking the changed values
    /// (see <see cref="HttpServiceStackUpdate.SkipPreflight"/>), and waits.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter the service template does not have, or a bad value; nothing was sent.</exception>
    /// <exception cref="PreflightException">A changed value would make launches fail; nothing was sent to CloudFormation.</exception>
    public async Task<StackUpdateResult> UpdateAsync(HttpServiceStackUpdate update, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _ = update ?? throw new ArgumentNullException(nameof(update));
        HttpServiceParameters.Check(HttpServiceTemplate.Build(), update.Parameters);
        if (update.SkipPreflight)
        {
            WarnSkipped(update.Warnings);
        }
        else if (await Lifecycle.Connection.CloudFormation.DescribeStackAsync(update.StackName, cancellationToken).ConfigureAwait(false) is { } current)
        {
            // A missing stack is the lifecycle's to report; a foreign one is refused before it is checked.
            StackLifecycle.RequireManaged(current, "update");
            await Preflight.RunAsync(PreflightTarget.ForUpdate(current.Parameters, update.Parameters), update.Warnings, cancellationToken).ConfigureAwait(false);
        }
        return await Lifecycle.UpdateAsync(StackUpdateFor(update), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What <see cref="UpdateAsync(HttpServiceStackUpdate, IProgress{StackProgress}?, CancellationToken)"/> would do, from
    /// CloudFormation's own change set: each resource with Add, Modify or Remove and whether it is replaced, the
    /// parameters that change, and, for a new image, that the servers are replaced one by one. The change set is deleted
    /// once read, also when cancelled: nothing changes. The checks before deploying do not run.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter the service template does not have, or a bad value; nothing was sent.</exception>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was sent.</exception>
    /// <exception cref="ChangeSetFailedException">CloudFormation could not make the change set.</exception>
    public async Task<StackChangePreview> PreviewUpdateAsync(HttpServiceStackUpdate update, CancellationToken cancellationToken = default)
    {
        _ = update ?? throw new ArgumentNullException(nameof(update));
        var template = HttpServiceTemplate.Build();
        HttpServiceParameters.Check(template, update.Parameters);
        var secrets = template.Parameters.Where(p => p.NoEcho).Select(p => p.LogicalId).ToList();
        var preview = await new ChangeSetPreview(Lifecycle.Connection, Lifecycle.Time)
            .PreviewAsync(StackUpdateFor(update), secrets, cancellationToken).ConfigureAwait(false);
        return RollingUpdateNote.Add(preview);
    }

    /// <summary>
    /// The service's log lines from every instance, interleaved by time, each with its instance; with
    /// <see cref="ServiceLogQuery.Follow"/>, new lines keep coming (within a few seconds) until
    /// <paramref name="cancellationToken"/> is cancelled, which ends the enumeration with an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="LogGroupMissingException">The stack has no central logs.</exception>
    /// <exception cref="ArgumentException">CloudWatch Logs refused the filter pattern.</exception>
    public IAsyncEnumerable<ServiceLogEvent> ReadLogsAsync(string stackName, ServiceLogQuery? query = null, CancellationToken cancellationToken = default) =>
        new ServiceLogReader(Lifecycle.Connection, Lifecycle.Time).ReadAsync(stackName, query ?? new ServiceLogQuery(), cancellationToken);

    // The stack's template is kept and not read here: acknowledging IAM is needed when it has the key store and
    // harmless when it does not.
    private static UpdateStackRequest StackUpdateFor(HttpServiceStackUpdate update) =>
        new() { StackName = update.StackName, Parameters = update.Parameters, Capabilities = [IamCapability] };

    private PreflightChecks Preflight => new(Lifecycle.Connection);

    private async Task<CreateStackRequest> CheckedRequestAsync(HttpServiceStackRequest request, CancellationToken cancellationToken)
    {
        var stack = StackRequestFor(request);
        // What needs no call is checked before the checks that do.
        if (stack.StackName is not null)
        {
            StackInputRules.CheckStackName(stack.StackName, nameof(request));
        }
        StackInputRules.CheckTags(stack.Tags, nameof(request));
        if (request.SkipPreflight)
        {
            WarnSkipped(request.Warnings);
        }
        else
        {
            await Preflight.RunAsync(PreflightTarget.ForCreate(stack.Parameters), request.Warnings, cancellationToken).ConfigureAwait(false);
        }
        return stack;
    }

    private static void WarnSkipped(IProgress<PreflightWarning>? warnings) =>
        warnings?.Report(new PreflightWarning("Preflight",
            "The checks before deploying are skipped: a missing key pair, an AMI not in the region, an instance type not offered " +
            "or an image that cannot be pulled will fail only when the instances launch, after up to 15 minutes."));

    /// <summary>
    /// Adds an SSH public key to the stack's key store, as the caller (whose IAM principal ARN is recorded as
    /// <see cref="SshKey.AddedBy"/>); every server of the stack, and every server started later, accepts it within its
    /// sync interval. The key is checked with the server's own rules first. Adding a key that is there already changes
    /// nothing and says so.
    /// </summary>
    /// <param name="stackName">The stack.</param>
    /// <param name="publicKey">One OpenSSH public key line, as in a <c>.pub</c> file: <c>type base64 [comment]</c>, no options, no line break.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="ArgumentException">The key is refused (the message says why); nothing was sent to AWS.</exception>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was written.</exception>
    public Task<SshKeyAddResult> AddSshKeyAsync(string stackName, string publicKey, CancellationToken cancellationToken = default) =>
        Keys.AddAsync(stackName, publicKey, cancellationToken);

    /// <summary>The SSH keys in the stack's key store, oldest first, read consistently.</summary>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit.</exception>
    public Task<IReadOnlyList<SshKey>> ListSshKeysAsync(string stackName, CancellationToken cancellationToken = default) =>
        Keys.ListAsync(stackName, cancellationToken);

    /// <summary>
    /// Removes an SSH key from the stack's key store; every server takes it out of <c>authorized_keys</c> within its
    /// sync interval. A key that is not there is reported, not an error.
    /// </summary>
    /// <param name="stackName">The stack.</param>
    /// <param name="fingerprint">The key's fingerprint, <c>SHA256:</c> and 43 base64 characters (<see cref="SshKey.Fingerprint"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">Not a fingerprint; nothing was sent to AWS.</exception>
    /// <exception cref="SshKeyStoreMissingException">The stack has no key store.</exception>
    /// <exception cref="StackNotFoundException">No stack has that name.</exception>
    /// <exception cref="StackNotManagedException">The stack was not created by StackKit; nothing was removed.</exception>
    public Task<SshKeyRemoveOutcome> RemoveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) =>
        Keys.RemoveAsync(stackName, fingerprint, cancellationToken);

    private static CreateStackRequest StackRequestFor(HttpServiceStackRequest request)
    {
        var template = HttpServiceTemplate.Build(request.Template);
        return new CreateStackRequest
        {
            StackName = request.StackName,
            TemplateBody = TemplateWriter.ToJson(template),
            Parameters = HttpServiceParameters.Complete(template, request.Parameters),
            Tags = request.Tags,
            Capabilities = template.Resources.Any(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal)) ? [IamCapability] : [],
        };
    }
}
