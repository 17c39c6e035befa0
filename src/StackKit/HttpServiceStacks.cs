using StackKit.Aws.CloudFormation;
using StackKit.HttpService;
using StackKit.Logs;
using StackKit.Preflight;
using StackKit.SshKeys;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit;

/// <summary>
/// The HTTP service's stacks on AWS: deploys the service template with checked values, changes them later, reads,
/// lists, deletes and watches the stacks, and manages the SSH keys every server of a stack accepts. Register it as a
/// singleton beside its <see cref="AwsConnection"/>; it holds no other state.
/// </summary>
public sealed class HttpServiceStacks : IHttpServiceStacks
{
    // The template's NoEcho parameters, whose values a preview never shows; the same in every variant.
    private static readonly Lazy<string[]> SecretParameters = new(() => [.. HttpServiceTemplate.Build().Parameters.Where(p => p.NoEcho).Select(p => p.LogicalId)]);

    private readonly StackLifecycle _lifecycle;

    /// <summary>The HTTP service's stacks over <paramref name="aws"/>.</summary>
    /// <param name="aws">Where and as whom to call AWS; the caller disposes it.</param>
    public HttpServiceStacks(AwsConnection aws)
        : this(new StackLifecycle(aws ?? throw new ArgumentNullException(nameof(aws))))
    {
    }

    internal HttpServiceStacks(StackLifecycle lifecycle) => _lifecycle = lifecycle;

    /// <inheritdoc />
    public string Region => _lifecycle.Connection.Region.SystemName;

    private SshKeyStore Keys => new(_lifecycle.Connection, _lifecycle.Time);

    private PreflightChecks Preflight => new(_lifecycle.Connection);

    /// <inheritdoc />
    public async Task<HttpServiceStack> CreateAsync(HttpServiceStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stack = await CheckedRequestAsync(request, cancellationToken).ConfigureAwait(false);
        var created = await _lifecycle.CreateAsync(stack, progress, cancellationToken).ConfigureAwait(false);
        // The subscription is read last: SNS has sent the confirmation e-mail by then, and it says whether it was followed.
        return await _lifecycle.WithSubscriptionAsync(await _lifecycle.WithCapacityAsync(created, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<HttpServiceStack> StartCreateAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default)
    {
        var stack = await CheckedRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await _lifecycle.StartCreateAsync(stack, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<HttpServiceStack> GetAsync(string stackName, CancellationToken cancellationToken = default) => _lifecycle.GetAsync(stackName, cancellationToken);

    /// <inheritdoc />
    public Task<HttpServiceStack> DiagnoseAsync(string stackName, CancellationToken cancellationToken = default) => _lifecycle.DiagnoseAsync(stackName, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<HttpServiceStack>> ListAsync(CancellationToken cancellationToken = default) => _lifecycle.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken = default) => _lifecycle.ListNamesAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<StackUpdateResult> UpdateAsync(string stackName, HttpServiceStackUpdate update, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _ = update ?? throw new ArgumentNullException(nameof(update));
        // The stack is read once: for the checks, the template's options and the update itself.
        var (current, request, options) = await PrepareUpdateAsync(stackName, update, readStack: true, "update", cancellationToken).ConfigureAwait(false);
        _ = current ?? throw new StackNotFoundException(stackName, Region);
        if (update.SkipPreflight)
        {
            WarnSkipped(update.Warnings);
        }
        else
        {
            await Preflight.RunAsync(PreflightTarget.ForUpdate(current.Parameters, request.Parameters, options?.Before, options?.After), update.Warnings, cancellationToken).ConfigureAwait(false);
        }
        var result = await _lifecycle.UpdateAsync(current, request, progress, cancellationToken).ConfigureAwait(false);
        return result with { Stack = await _lifecycle.WithCapacityAsync(result.Stack, cancellationToken).ConfigureAwait(false) };
    }

    /// <inheritdoc />
    public Task<StackDeleteResult> DeleteAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _lifecycle.DeleteAsync(stackName, progress, cancellationToken);

    /// <inheritdoc />
    public Task<HttpServiceStack> WatchAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _lifecycle.WatchAsync(stackName, progress, cancellationToken);

    /// <inheritdoc />
    public Task<SshKeyAddResult> AddSshKeyAsync(SshKeyAddRequest request, CancellationToken cancellationToken = default) =>
        Keys.AddAsync(request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SshKey>> ListSshKeysAsync(string stackName, CancellationToken cancellationToken = default) =>
        Keys.ListAsync(stackName, cancellationToken);

    /// <inheritdoc />
    public Task<SshKeyRemoveOutcome> RemoveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) =>
        Keys.RemoveAsync(stackName, fingerprint, cancellationToken);

    /// <inheritdoc />
    public Task<SshKeyApproveResult> ApproveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) =>
        Keys.ApproveAsync(stackName, fingerprint, cancellationToken);

    /// <inheritdoc />
    public Task<SshKeyDenyOutcome> DenySshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) =>
        Keys.DenyAsync(stackName, fingerprint, cancellationToken);

    /// <inheritdoc />
    public async Task<StackChangePreview> PreviewUpdateAsync(string stackName, HttpServiceStackUpdate update, CancellationToken cancellationToken = default)
    {
        _ = update ?? throw new ArgumentNullException(nameof(update));
        // The preview reads the stack itself; here it is read only when an option rebuilds its template.
        var (_, request, _) = await PrepareUpdateAsync(stackName, update, readStack: false, "preview an update of", cancellationToken).ConfigureAwait(false);
        var preview = await new ChangeSetPreview(_lifecycle.Connection, _lifecycle.Time).PreviewAsync(request, SecretParameters.Value, cancellationToken).ConfigureAwait(false);
        return RollingUpdateNote.Add(preview);
    }

    /// <inheritdoc />
    public Task<StackDrift> DetectDriftAsync(string stackName, CancellationToken cancellationToken = default) =>
        new DriftDetection(_lifecycle).DetectAsync(stackName, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ServiceLogEvent> ReadLogsAsync(string stackName, ServiceLogQuery? query = null, CancellationToken cancellationToken = default) =>
        new ServiceLogReader(_lifecycle.Connection, _lifecycle.Time).ReadAsync(stackName, query ?? new ServiceLogQuery(), cancellationToken);

    /// <summary>
    /// Checks an update's values before any call, reads the stack when <paramref name="readStack"/> says so or an
    /// option changes (refusing a stack StackKit did not create), and makes the request to send, with the options before
    /// and after when it changes them.
    /// </summary>
    private async Task<(CloudFormationStack? Current, UpdateStackRequest Request, (HttpServiceOptions Before, HttpServiceOptions After)? Options)> PrepareUpdateAsync(
        string stackName, HttpServiceStackUpdate update, bool readStack, string action, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var given = update.GivenParameters();
        HttpServiceParameters.Check(HttpServiceTemplate.Build(), given);
        // A missing stack is the lifecycle's (or the preview's) to report; a foreign one is refused before anything else.
        // A new credential needs the stack too: an older stack's template takes the password itself, not its hash.
        var current = readStack || update.ChangesTemplate || update.ServiceCredential is not null
            ? await _lifecycle.Connection.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            : null;
        if (current is not null)
        {
            _lifecycle.RequireManaged(current, action);
        }
        var (request, options) = await UpdateRequestAsync(stackName, current, update, given, cancellationToken).ConfigureAwait(false);
        return (current, request, options);
    }

    /// <summary>
    /// The update to send: the given parameters, and, when options change, the stack's template rebuilt from the
    /// options it was made with. The stack's template is kept when no option changes, or when there is no stack (the
    /// lifecycle then reports it missing). A stack whose template still takes the plaintext password
    /// (<see cref="HttpServiceNames.LegacyServicePassword"/>) gets the new template with a new credential, and refuses a
    /// new template without one: its password would otherwise fall back to the default.
    /// </summary>
    private async Task<(UpdateStackRequest Request, (HttpServiceOptions Before, HttpServiceOptions After)? Options)> UpdateRequestAsync(
        string stackName, CloudFormationStack? current, HttpServiceStackUpdate update, Dictionary<string, string> given, CancellationToken cancellationToken)
    {
        var legacy = current is not null && current.Parameters.ContainsKey(HttpServiceNames.LegacyServicePassword);
        if (legacy && update.ServiceCredential is null)
        {
            RefuseOrWarnLegacyPassword(stackName, current!, update);
        }
        if (!(update.ChangesTemplate || legacy) || current is null)
        {
            // Acknowledging IAM is needed when the kept template has the key store and harmless when it does not.
            return (new UpdateStackRequest { StackName = stackName, Parameters = given, Capabilities = [Capability.Iam.Value] }, null);
        }
        var options = await OptionsOfAsync(current, cancellationToken).ConfigureAwait(false);
        // A copy: the update's changes are applied in place.
        var before = options.AsBuilt();
        update.ApplyTo(options);
        if (options.EffectiveLoadBalancer != before.EffectiveLoadBalancer)
        {
            throw new StackException(
                $"Stack '{stackName}' has a classic load balancer, and HTTPS needs an Application Load Balancer: CloudFormation cannot change " +
                "the type of a stack's load balancer in place. Nothing was sent. Deploy a new stack with the certificate " +
                "(New-HttpServiceStack -CertificateArn ..., or HttpServiceStackRequest.Template.CertificateArn), move your traffic to its URL, then remove this one.",
                stackName, current.StackId, Region);
        }
        CheckCertificateRegion(options.CertificateArn);
        var template = HttpServiceTemplate.Build(options);
        HttpServiceParameters.Check(template, given);
        return (new UpdateStackRequest
        {
            StackName = stackName,
            Parameters = given,
            TemplateBody = TemplateWriter.ToJson(template),
            TemplateParameters = template.Parameters.Select(p => p.LogicalId).ToList(),
            // The stack's present template may hold IAM resources the new one drops: acknowledging is harmless either way.
            Capabilities = [Capability.Iam.Value],
        }, (before, options));
    }

    /// <summary>
    /// A stack made before the password hash keeps its password only in its template's <c>ServicePassword</c>, which
    /// CloudFormation never reveals: a rebuilt template without a credential would silently reset it to the default.
    /// </summary>
    /// <exception cref="StackException">The update changes options but gives no credential.</exception>
    private void RefuseOrWarnLegacyPassword(string stackName, CloudFormationStack current, HttpServiceStackUpdate update)
    {
        const string fix = "Update-HttpServiceStack -ServiceCredential (C#: HttpServiceStackUpdate.ServiceCredential): the same user name and password keep them, new ones replace them";
        if (update.ChangesTemplate)
        {
            throw new StackException(
                $"Stack '{stackName}' was made by an older StackKit whose template takes the service password itself ({HttpServiceNames.LegacyServicePassword}); " +
                $"the new template takes only its salted hash ({HttpServiceNames.ServicePasswordHash}), and CloudFormation never reveals the old password to carry it over, " +
                $"so the service would fall back to the default admin/secret. Nothing was sent. Repeat the update with the service credential: {fix}.",
                stackName, current.StackId, Region);
        }
        update.Warnings?.Report(new PreflightWarning(PreflightCheck.ServiceCredential,
            $"Stack '{stackName}' still carries its service password in clear text in its launch template ({HttpServiceNames.LegacyServicePassword}, from an older StackKit), " +
            $"readable by anyone allowed ec2:DescribeLaunchTemplateVersions and by any process on its servers. Give the credential once to store only its salted hash: {fix}."));
    }

    /// <summary>The options the stack's template was built with, from its metadata.</summary>
    /// <exception cref="StackException">The template does not say (made by hand, or changed since).</exception>
    private async Task<HttpServiceOptions> OptionsOfAsync(CloudFormationStack stack, CancellationToken cancellationToken)
    {
        var text = await _lifecycle.Connection.CloudFormation.GetTemplateAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        HttpServiceOptions? options;
        string why;
        try
        {
            options = OptionsMetadata.Read(TemplateReader.Parse(text));
            why = $"its template has no {OptionsMetadata.Key} metadata";
        }
        catch (InvalidTemplateException unreadable)
        {
            options = null;
            why = unreadable.Message;
        }
        return options ?? throw new StackException(
            $"Stack '{stack.StackName}' cannot take new template options: StackKit cannot tell which options its template was built with ({why}). " +
            "Nothing was sent. Change parameters only (image, instance type, SSH, credentials), or deploy a new stack with the options you want.",
            stack.StackName, stack.StackId, Region);
    }

    private async Task<CreateStackRequest> CheckedRequestAsync(HttpServiceStackRequest request, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        // What needs no call is checked before the checks that do.
        if (request.StackName is not null)
        {
            StackInputRules.CheckStackName(request.StackName, nameof(request.StackName));
        }
        StackInputRules.CheckTags(request.Tags ?? new Dictionary<string, string>(), nameof(request.Tags));
        var stack = StackRequestFor(request);
        CheckCertificateRegion(request.Template?.CertificateArn);
        await RefuseExistingAsync(stack.StackName, cancellationToken).ConfigureAwait(false);
        if (request.ServiceCredential is null)
        {
            request.Warnings?.Report(new PreflightWarning(PreflightCheck.ServiceCredential,
                "No service credential was given: the service accepts the default credentials admin/secret for POST /add_public_key, " +
                "which anyone can guess and which cross the network in clear text. Give your own (New-HttpServiceStack -ServiceCredential (Get-Credential), " +
                "or HttpServiceStackRequest.ServiceCredential); an update with a ServiceCredential changes them later."));
        }
        if (request.SkipPreflight)
        {
            WarnSkipped(request.Warnings);
        }
        else
        {
            await Preflight.RunAsync(PreflightTarget.ForCreate(stack.Parameters, request.Template ?? new HttpServiceOptions()), request.Warnings, cancellationToken).ConfigureAwait(false);
        }
        return stack;
    }

    /// <summary>
    /// Refuses a name already taken in the region before the checks that take seconds, in StackKit's words rather than
    /// CloudFormation's AlreadyExistsException after them. A default name (<c>null</c>, made with the time) is not asked.
    /// </summary>
    private async Task RefuseExistingAsync(string? stackName, CancellationToken cancellationToken)
    {
        if (stackName is not null && await _lifecycle.Connection.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new StackException(
                $"A stack named '{stackName}' already exists in {Region} ({existing.StackStatus}). Nothing was sent. Choose another name, " +
                $"or change that stack with Update-HttpServiceStack {stackName} (C#: UpdateAsync).",
                stackName, existing.StackId, Region);
        }
    }

    /// <summary>A load balancer takes only a certificate of its own region; the ARN says which, so no call is needed.</summary>
    private void CheckCertificateRegion(string? certificateArn)
    {
        var region = certificateArn?.Split(':') is { Length: > 3 } parts ? parts[3] : null;
        if (region is not null && !string.Equals(region, Region, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"CertificateArn is a certificate of {region}, but the stack is in {Region}, and a load balancer takes only a certificate of its own region. " +
                $"Request or import the certificate in ACM in {Region} and pass that ARN.",
                nameof(certificateArn));
        }
    }

    private static void WarnSkipped(IProgress<PreflightWarning>? warnings) =>
        warnings?.Report(new PreflightWarning(PreflightCheck.Preflight,
            "The checks before deploying are skipped: a missing key pair, an AMI not in the region, an instance type not offered " +
            "or an image that cannot be pulled will fail only when the instances launch, after up to 15 minutes."));

    private static CreateStackRequest StackRequestFor(HttpServiceStackRequest request)
    {
        var template = HttpServiceTemplate.Build(request.Template);
        return new CreateStackRequest
        {
            StackName = request.StackName,
            TemplateBody = TemplateWriter.ToJson(template),
            Parameters = HttpServiceParameters.Complete(template, request.GivenParameters()),
            Tags = request.Tags ?? new Dictionary<string, string>(),
            Capabilities = [.. template.RequiredCapabilities.Select(capability => capability.Value)],
            ResourceCount = template.Resources.Count,
        };
    }
}
