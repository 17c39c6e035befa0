using Amazon.SecurityToken.Model;
using StackKit.Aws;
using StackKit.Aws.CloudFormation;
using StackKit.Costs;
using StackKit.HttpService;
using StackKit.Images;
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

    private readonly PriceCache _prices;

    /// <summary>The HTTP service's stacks over <paramref name="aws"/>.</summary>
    /// <param name="aws">Where and as whom to call AWS; the caller disposes it.</param>
    public HttpServiceStacks(AwsConnection aws)
        : this(new StackLifecycle(aws ?? throw new ArgumentNullException(nameof(aws))))
    {
    }

    internal HttpServiceStacks(StackLifecycle lifecycle, PriceCache? prices = null)
    {
        _lifecycle = lifecycle;
        _prices = prices ?? PriceCache.ForUser(lifecycle.Time);
    }

    /// <inheritdoc />
    public string Region => _lifecycle.Connection.Region.SystemName;

    private SshKeyStore Keys => new(_lifecycle.Connection, _lifecycle.Time);

    private PreflightChecks Preflight => new(_lifecycle.Connection);

    /// <inheritdoc />
    public async Task<HttpServiceStack> CreateAsync(HttpServiceStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (stack, buildImage) = await CheckedRequestAsync(request, cancellationToken).ConfigureAwait(false);
        var created = buildImage
            ? await FirstImageAsync(request, stack.StackName!, progress, cancellationToken).ConfigureAwait(false)
            : await _lifecycle.CreateAsync(stack, progress, cancellationToken).ConfigureAwait(false);
        // The subscription is read last: SNS has sent the confirmation e-mail by then, and it says whether it was followed.
        return await _lifecycle.WithSubscriptionAsync(await _lifecycle.WithCapacityAsync(created, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<HttpServiceStack> StartCreateAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default)
    {
        if (request?.BuildImage is not null)
        {
            throw new ArgumentException(
                "BuildImage builds the image between two changes of the stack, which needs the wait of CreateAsync (New-HttpServiceStack without -NoWait).", nameof(request));
        }
        var (stack, _) = await CheckedRequestAsync(request!, cancellationToken).ConfigureAwait(false);
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
        // The stack and its template are each read once: for the checks, the template's options, the history and the update itself.
        var (described, request, options) = await PrepareUpdateAsync(stackName, update, readStack: true, "update", cancellationToken).ConfigureAwait(false);
        var current = described?.Stack ?? throw new StackNotFoundException(stackName, Region);
        if (update.SkipPreflight)
        {
            WarnSkipped(update.Warnings);
        }
        else
        {
            var grants = await PrivateImageGrantsAsync(described!, options?.After, update.DockerImage, cancellationToken).ConfigureAwait(false);
            await Preflight.RunAsync(PreflightTarget.ForUpdate(current.Parameters, request.Parameters, options?.Before, options?.After, grants), update.Warnings, cancellationToken).ConfigureAwait(false);
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
    public Task<IReadOnlyList<SshKeyChange>> ReadSshKeyHistoryAsync(string stackName, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        new SshKeyHistory(_lifecycle.Connection, _lifecycle.Time).ReadAsync(stackName, since, cancellationToken);

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
        return await WithCostAsync(RollingUpdateNote.Add(preview), stackName, update, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The preview with the cost today and after the update, when the update changes what the cost depends on: the
    /// instance type or the template's options. A stack whose template does not name its options gets none.
    /// </summary>
    private async Task<StackChangePreview> WithCostAsync(StackChangePreview preview, string stackName, HttpServiceStackUpdate update, CancellationToken cancellationToken)
    {
        if (update.InstanceType is null && !update.ChangesTemplate)
        {
            return preview;
        }
        HttpServiceStack stack;
        HttpServiceOptions before;
        try
        {
            (stack, before) = await StackOptionsAsync(stackName, "preview an update of", cancellationToken).ConfigureAwait(false);
        }
        catch (StackException) when (!cancellationToken.IsCancellationRequested)
        {
            return preview;
        }
        var after = update.ApplyTo(before.AsBuilt());
        var servers = ServersOf(stack);
        // One reader: the prices both estimates share are read once.
        var prices = Prices;
        return preview with
        {
            CostBefore = await CostEstimator.EstimateAsync(prices, before, stack.InstanceType, Region, servers, stack.Name, cancellationToken).ConfigureAwait(false),
            Cost = await CostEstimator.EstimateAsync(prices, after, update.InstanceType ?? stack.InstanceType, Region, servers, stack.Name, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The group's fewest, current and most servers; the template's bounds when it cannot be read.</summary>
    private static (int Min, int Current, int Max) ServersOf(HttpServiceStack stack) =>
        stack.Capacity is { } capacity
            ? (capacity.MinSize, capacity.DesiredCapacity, capacity.MaxSize)
            : (HttpServiceTemplate.MinServers, HttpServiceTemplate.MinServers, HttpServiceTemplate.MaxServers);

    /// <inheritdoc />
    public Task<ImagePublishResult> PublishImageAsync(ImagePublishRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Publisher.PublishAsync(request ?? throw new ArgumentNullException(nameof(request)), instanceType: null, progress, cancellationToken);

    private ImagePublisher Publisher => new(_lifecycle.Connection, _lifecycle.Time, GetAsync);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HttpServiceDeployment>> ListDeploymentsAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var (stack, history) = await HistoryAsync(stackName, "list the deployments of", cancellationToken).ConfigureAwait(false);
        var serving = stack.Parameters.TryGetValue(HttpServiceNames.DockerImage, out var image) ? image : null;
        return [.. history.Select((entry, index) => new HttpServiceDeployment
        {
            StackName = stack.StackName,
            Region = Region,
            Image = entry.Image,
            Digest = entry.Digest,
            Principal = entry.Principal,
            DeployedAt = entry.DeployedAt,
            Outcome = (index, stack.StackStatus.IsInProgress) switch
            {
                (0, true) => DeploymentOutcome.InProgress,
                (0, false) when entry.Image == serving => DeploymentOutcome.Serving,
                _ => DeploymentOutcome.Succeeded,
            },
        })];
    }

    /// <inheritdoc />
    public async Task<StackUpdateResult> UndoAsync(HttpServiceUndoRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var update = await UndoUpdateAsync(request, cancellationToken).ConfigureAwait(false);
        return await UpdateAsync(request.StackName, update, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StackChangePreview> PreviewUndoAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken = default)
    {
        var update = await UndoUpdateAsync(request, cancellationToken).ConfigureAwait(false);
        return await PreviewUpdateAsync(request.StackName, update, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<CostEstimate> EstimateCostAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var options = OptionsOf(request);
        options.Validate();
        var instanceType = request.InstanceTypeFor(options);
        const int min = HttpServiceTemplate.MinServers;
        return CostEstimator.EstimateAsync(Prices, options, instanceType, Region, (min, min, HttpServiceTemplate.MaxServers), request.StackName, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CostEstimate> EstimateStackCostAsync(string stackName, CancellationToken cancellationToken = default)
    {
        HttpServiceStack stack;
        HttpServiceOptions options;
        try
        {
            (stack, options) = await StackOptionsAsync(stackName, "estimate the cost of", cancellationToken).ConfigureAwait(false);
        }
        catch (StackException unreadable) when (unreadable is not StackNotFoundException and not StackNotManagedException)
        {
            throw new StackException(
                $"StackKit cannot estimate the cost of stack '{stackName}': its template does not say which options it was built with (made by hand, or changed since). " +
                "Estimate the options you would deploy instead: New-HttpServiceStack ... -WhatIf (C#: EstimateCostAsync).",
                stackName, unreadable.StackId, Region, unreadable);
        }
        return await CostEstimator.EstimateAsync(Prices, options, stack.InstanceType, Region, ServersOf(stack), stack.Name, cancellationToken).ConfigureAwait(false);
    }

    private PriceReader Prices => new(_lifecycle.Connection.Pricing, _prices);

    /// <summary>The stack and the options its template was built with.</summary>
    private async Task<(HttpServiceStack Stack, HttpServiceOptions Options)> StackOptionsAsync(string stackName, string action, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var current = await _lifecycle.Connection.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            ?? throw new StackNotFoundException(stackName, Region);
        _lifecycle.RequireManaged(current, action);
        var options = await OptionsOfAsync(new DescribedStack(_lifecycle.Connection.CloudFormation, current), cancellationToken).ConfigureAwait(false);
        var stack = HttpServiceStack.From(current, Region, _lifecycle.Connection.EndpointUrl, null);
        return (await _lifecycle.WithCapacityAsync(stack, cancellationToken).ConfigureAwait(false), options);
    }

    /// <inheritdoc />
    public async Task<string> FindUndoImageAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken = default) =>
        (await UndoUpdateAsync(request, cancellationToken).ConfigureAwait(false)).DockerImage!;

    /// <inheritdoc />
    public Task<StackDrift> DetectDriftAsync(string stackName, CancellationToken cancellationToken = default) =>
        new DriftDetection(_lifecycle).DetectAsync(stackName, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ServiceLogEvent> ReadLogsAsync(string stackName, ServiceLogQuery? query = null, CancellationToken cancellationToken = default) =>
        new ServiceLogReader(_lifecycle.Connection, _lifecycle.Time).ReadAsync(stackName, query ?? new ServiceLogQuery(), cancellationToken);

    /// <summary>
    /// The image update an undo is: to the named image when the history has it, otherwise to the newest image in the
    /// history that is not the one serving.
    /// </summary>
    /// <exception cref="StackException">The history has no such image; nothing was sent.</exception>
    private async Task<HttpServiceStackUpdate> UndoUpdateAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var deployments = await ListDeploymentsAsync(request.StackName, cancellationToken).ConfigureAwait(false);
        var newest = deployments.Count > 0 ? deployments[0] : null;
        // What serves is the stack's DockerImage, which an update made outside StackKit may have changed: then no
        // entry is Serving, and the newest one StackKit deployed is what an undo goes back to.
        var servingAt = deployments.ToList().FindIndex(d => d.Outcome == DeploymentOutcome.Serving);
        var serving = servingAt < 0 ? null : deployments[servingAt].Image;
        var listed = string.Join(", ", deployments.Select(d => d.Image).Distinct(StringComparer.Ordinal));
        string target;
        if (newest is { Outcome: DeploymentOutcome.InProgress })
        {
            throw new StackException(
                $"Stack '{request.StackName}' is being updated now; nothing was sent. Wait for it (Get-HttpServiceStack {request.StackName} -Wait), then undo.",
                request.StackName, null, Region);
        }
        if (request.Image is not null)
        {
            target = deployments.Any(d => d.Image == request.Image) ? request.Image : throw new StackException(
                $"Stack '{request.StackName}' never ran image '{request.Image}' as far as its history says ({listed}); nothing was sent. " +
                $"Pick one from Get-HttpServiceDeployment {request.StackName}, or deploy any image with Update-HttpServiceStack -DockerImage.",
                request.StackName, null, Region);
        }
        else
        {
            target = deployments.Skip(servingAt + 1).FirstOrDefault(d => d.Image != serving)?.Image ?? throw new StackException(
                $"Stack '{request.StackName}' has no earlier image to go back to: its history holds only {(listed.Length == 0 ? "nothing" : listed)}. Nothing was sent. " +
                "Deploy the image you want with Update-HttpServiceStack -DockerImage.",
                request.StackName, null, Region);
        }
        return new HttpServiceStackUpdate
        {
            DockerImage = target,
            WithoutRollbackTriggers = true,
            SkipPreflight = request.SkipPreflight,
            Warnings = request.Warnings,
        };
    }

    /// <summary>A StackKit stack and the deploys its template records, newest first.</summary>
    private async Task<(CloudFormationStack Stack, IReadOnlyList<DeploymentHistory.Entry> History)> HistoryAsync(string stackName, string action, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        var stack = await _lifecycle.Connection.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            ?? throw new StackNotFoundException(stackName, Region);
        _lifecycle.RequireManaged(stack, action);
        var template = await _lifecycle.Connection.CloudFormation.GetTemplateAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
        return (stack, DeploymentHistory.Read(TemplateReader.Parse(template)) is { Count: > 0 } history ? history : [Before(stack)]);
    }

    /// <summary>A stack without a history started with the image it has now, deployed by someone StackKit did not record.</summary>
    private static DeploymentHistory.Entry Before(CloudFormationStack stack) => new(
        stack.Parameters.TryGetValue(HttpServiceNames.DockerImage, out var image) ? image : "unknown",
        DeploymentHistory.UnknownPrincipal,
        stack.LastUpdatedTime ?? stack.CreationTime);

    /// <summary>
    /// The update with the stack's history carried into the template it sends, and <paramref name="newImage"/> recorded
    /// first (with the caller's principal and the time). An image change keeps the stack's template but sends it back
    /// with the history added. When the stack's template cannot be read, the update goes without a record, and says so.
    /// </summary>
    private async Task<UpdateStackRequest> WithHistoryAsync(
        DescribedStack described, UpdateStackRequest request, string? newImage, IProgress<PreflightWarning>? warnings, CancellationToken cancellationToken)
    {
        var current = described.Stack;
        // The image the stack already runs is no new deploy: without a record the update can still be "nothing to change".
        if (newImage is not null && current.Parameters.TryGetValue(HttpServiceNames.DockerImage, out var running) && running == newImage)
        {
            newImage = null;
        }
        if (newImage is null && request.TemplateBody is null)
        {
            return request;
        }
        Template before;
        try
        {
            before = TemplateReader.Parse(await described.TemplateAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception unreadable) when (unreadable is InvalidTemplateException or AwsServiceException)
        {
            warnings?.Report(new PreflightWarning(PreflightCheck.Preflight,
                $"This deploy is not recorded in stack '{current.StackName}''s history: its template could not be read ({unreadable.Message})."));
            return request;
        }
        IReadOnlyList<DeploymentHistory.Entry> history = DeploymentHistory.Read(before) is { Count: > 0 } kept ? kept : [Before(current)];
        if (newImage is not null)
        {
            history = [new DeploymentHistory.Entry(newImage, await CallerAsync(cancellationToken).ConfigureAwait(false), _lifecycle.Time.GetUtcNow()), .. history];
        }
        var after = request.TemplateBody is null ? before : TemplateReader.Parse(request.TemplateBody);
        if (DeploymentHistory.Write(after, history) is > 0 and var dropped)
        {
            warnings?.Report(new PreflightWarning(PreflightCheck.Preflight,
                $"Stack '{current.StackName}''s history drops its {dropped} oldest deploys: with them its template would be over the {StackInputRules.MaxTemplateBodyBytes} bytes CloudFormation takes inline."));
        }
        return new UpdateStackRequest
        {
            StackName = request.StackName,
            Parameters = request.Parameters,
            TemplateBody = TemplateWriter.ToBody(after),
            TemplateParameters = [.. after.Parameters.Select(p => p.LogicalId)],
            Capabilities = request.Capabilities,
            MonitoringMinutes = request.MonitoringMinutes,
        };
    }

    /// <summary>The caller's IAM principal (STS GetCallerIdentity), or <see cref="DeploymentHistory.UnknownPrincipal"/> when STS does not say: a deploy never fails for its record.</summary>
    private async Task<string> CallerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var caller = await SdkCall.RunAsync(
                "GetCallerIdentity", token => _lifecycle.Connection.SecurityToken.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken).ConfigureAwait(false);
            return caller.Arn;
        }
        catch (AwsServiceException)
        {
            return DeploymentHistory.UnknownPrincipal;
        }
    }

    /// <summary>
    /// Checks an update's values before any call, reads the stack when <paramref name="readStack"/> says so or an
    /// option changes (refusing a stack StackKit did not create), and makes the request to send, with the options before
    /// and after when it changes them.
    /// </summary>
    private async Task<(DescribedStack? Current, UpdateStackRequest Request, (HttpServiceOptions Before, HttpServiceOptions After)? Options)> PrepareUpdateAsync(
        string stackName, HttpServiceStackUpdate update, bool readStack, string action, CancellationToken cancellationToken)
    {
        StackInputRules.CheckStackName(stackName, nameof(stackName));
        if (update.MonitoringMinutes is < 0 or > HttpServiceStackUpdate.MaxMonitoringMinutes)
        {
            throw new ArgumentOutOfRangeException(nameof(update), update.MonitoringMinutes,
                $"MonitoringMinutes {update.MonitoringMinutes} is out of range: CloudFormation watches an update's alarms for 0 to {HttpServiceStackUpdate.MaxMonitoringMinutes} minutes. Nothing was sent.");
        }
        var given = update.GivenParameters();
        HttpServiceParameters.Check(HttpServiceTemplate.Build(), given);
        // A missing stack is the lifecycle's (or the preview's) to report; a foreign one is refused before anything else.
        // A new credential needs the stack too: an older stack's template takes the password itself, not its hash.
        var current = readStack || update.ChangesTemplate || update.ServiceCredential is not null
            ? await _lifecycle.Connection.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            : null;
        DescribedStack? described = null;
        if (current is not null)
        {
            _lifecycle.RequireManaged(current, action);
            described = new DescribedStack(_lifecycle.Connection.CloudFormation, current);
        }
        var (request, options) = await UpdateRequestAsync(stackName, described, update, given, cancellationToken).ConfigureAwait(false);
        // Only the update itself records a deploy; a preview's change set is deleted again.
        if (readStack && described is not null)
        {
            request = await WithHistoryAsync(described, request, update.DockerImage, update.Warnings, cancellationToken).ConfigureAwait(false);
        }
        return (described, request, options);
    }

    /// <summary>
    /// The update to send: the given parameters, and, when options change, the stack's template rebuilt from the
    /// options it was made with. The stack's template is kept when no option changes, or when there is no stack (the
    /// lifecycle then reports it missing). A stack whose template still takes the plaintext password
    /// (<see cref="HttpServiceNames.LegacyServicePassword"/>) gets the new template with a new credential, and refuses a
    /// new template without one: its password would otherwise fall back to the default.
    /// </summary>
    private async Task<(UpdateStackRequest Request, (HttpServiceOptions Before, HttpServiceOptions After)? Options)> UpdateRequestAsync(
        string stackName, DescribedStack? described, HttpServiceStackUpdate update, Dictionary<string, string> given, CancellationToken cancellationToken)
    {
        var current = described?.Stack;
        var legacy = current is not null && current.Parameters.ContainsKey(HttpServiceNames.LegacyServicePassword);
        if (legacy && update.ServiceCredential is null)
        {
            RefuseOrWarnLegacyPassword(stackName, current!, update);
        }
        if (!(update.ChangesTemplate || legacy) || current is null)
        {
            // Acknowledging IAM is needed when the kept template has the key store and harmless when it does not.
            return (new UpdateStackRequest { StackName = stackName, Parameters = given, Capabilities = [Capability.Iam.Value], MonitoringMinutes = update.WithoutRollbackTriggers ? null : update.MonitoringMinutes }, null);
        }
        var options = await OptionsOfAsync(described!, cancellationToken).ConfigureAwait(false);
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
        Https.CheckCertificateRegion(options, Region);
        var template = HttpServiceTemplate.Build(options);
        HttpServiceParameters.Check(template, given);
        return (new UpdateStackRequest
        {
            StackName = stackName,
            Parameters = given,
            TemplateBody = TemplateWriter.ToBody(template),
            TemplateParameters = template.Parameters.Select(p => p.LogicalId).ToList(),
            MonitoringMinutes = update.WithoutRollbackTriggers ? null : update.MonitoringMinutes,
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

    /// <summary>
    /// The ECR repositories the stack's instances may pull from after the update: by its new options, or, when the
    /// template is kept and the new image is in ECR, by the options its template was built with (one GetTemplate).
    /// </summary>
    private async Task<PrivateImageGrants?> PrivateImageGrantsAsync(DescribedStack described, HttpServiceOptions? after, string? dockerImage, CancellationToken cancellationToken)
    {
        var current = described.Stack;
        if (after is not null)
        {
            return PrivateImageGrants.Of(after, current.Outputs);
        }
        var inEcr = dockerImage is not null && ImageReference.TryParse(dockerImage) is { } image && EcrImage.Of(image) is not null;
        return inEcr ? PrivateImageGrants.Of(await OptionsOfAsync(described, cancellationToken).ConfigureAwait(false), current.Outputs) : null;
    }

    /// <summary>The options the stack's template was built with, from its metadata.</summary>
    /// <exception cref="StackException">The template does not say (made by hand, or changed since).</exception>
    private async Task<HttpServiceOptions> OptionsOfAsync(DescribedStack described, CancellationToken cancellationToken)
    {
        var stack = described.Stack;
        var text = await described.TemplateAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// A create the default image is missing for, built as <see cref="HttpServiceStackRequest.BuildImage"/> says: the
    /// full template gets the stack's own repository and runs the pushed image, the first entry of its history.
    /// </summary>
    private Task<HttpServiceStack> FirstImageAsync(HttpServiceStackRequest request, string stackName, IProgress<StackProgress>? progress, CancellationToken cancellationToken)
    {
        var options = ImageRepository.Owned(OptionsOf(request));
        return new FirstImageDeploy(_lifecycle, Publisher).DeployAsync(stackName, request, options, FullStackAsync, progress, cancellationToken);

        async Task<CreateStackRequest> FullStackAsync(string image)
        {
            var first = new DeploymentHistory.Entry(image, await CallerAsync(cancellationToken).ConfigureAwait(false), _lifecycle.Time.GetUtcNow());
            return StackRequestFor(request, stackName, first, options, image);
        }
    }

    /// <summary>
    /// The checked request to create, named (a request without a name gets the default name here, once), and whether the
    /// default image is missing and to be built in its place (<see cref="HttpServiceStackRequest.BuildImage"/>).
    /// </summary>
    private async Task<(CreateStackRequest Stack, bool BuildImage)> CheckedRequestAsync(HttpServiceStackRequest request, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        // What needs no call is checked before the checks that do.
        if (request.StackName is not null)
        {
            StackInputRules.CheckStackName(request.StackName, nameof(request.StackName));
        }
        StackInputRules.CheckTags(request.Tags ?? new Dictionary<string, string>(), nameof(request.Tags));
        var options = OptionsOf(request);
        var stackName = request.StackName ?? DefaultStackName.For(Environment.UserName, _lifecycle.Time.GetLocalNow());
        var stack = StackRequestFor(request, stackName);
        Https.CheckCertificateRegion(options, Region);
        var build = request.BuildImage is not null;
        if (build)
        {
            FirstImageDeploy.Check(request, options);
        }
        // A default name is made with the time, so it is not asked.
        if (request.StackName is not null)
        {
            await RefuseExistingAsync(request.StackName, cancellationToken).ConfigureAwait(false);
        }
        if (request.ServiceCredential is null)
        {
            request.Warnings?.Report(new PreflightWarning(PreflightCheck.ServiceCredential,
                "No service credential was given: the service accepts the default credentials admin/secret for POST /add_public_key, " +
                "which anyone can guess and which cross the network in clear text. Give your own (New-HttpServiceStack -ServiceCredential (Get-Credential), " +
                "or HttpServiceStackRequest.ServiceCredential); an update with a ServiceCredential changes them later."));
        }
        var missing = false;
        if (request.SkipPreflight)
        {
            WarnSkipped(request.Warnings);
        }
        else
        {
            var target = PreflightTarget.ForCreate(stack.Parameters, options) with
            {
                DefaultImage = request.DockerImage is null,
                BuildsMissingDefaultImage = build,
            };
            missing = await Preflight.RunAsync(target, request.Warnings, cancellationToken).ConfigureAwait(false);
        }
        if (missing)
        {
            // The history starts with the image built, once it is pushed.
            return (stack, true);
        }
        // The first deploy starts the stack's history.
        var first = new DeploymentHistory.Entry(stack.Parameters[HttpServiceNames.DockerImage], await CallerAsync(cancellationToken).ConfigureAwait(false), _lifecycle.Time.GetUtcNow());
        return (StackRequestFor(request, stackName, first), false);
    }

    /// <summary>
    /// Refuses a name already taken in the region before the checks that take seconds, in StackKit's words rather than
    /// CloudFormation's AlreadyExistsException after them.
    /// </summary>
    private async Task RefuseExistingAsync(string stackName, CancellationToken cancellationToken)
    {
        if (await _lifecycle.Connection.CloudFormation.DescribeStackAsync(stackName, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new StackException(
                $"A stack named '{stackName}' already exists in {Region} ({existing.StackStatus}). Nothing was sent. Choose another name, " +
                $"or change that stack with Update-HttpServiceStack {stackName} (C#: UpdateAsync).",
                stackName, existing.StackId, Region);
        }
    }

    private static void WarnSkipped(IProgress<PreflightWarning>? warnings) =>
        warnings?.Report(new PreflightWarning(PreflightCheck.Preflight,
            "The checks before deploying are skipped: a missing key pair, an AMI not in the region, an instance type not offered " +
            "or an image that cannot be pulled will fail only when the instances launch, after up to 15 minutes."));

    // A request without options asks for the defaults.
    private static HttpServiceOptions OptionsOf(HttpServiceStackRequest request) => request.Template ?? new HttpServiceOptions();

    /// <summary>The stack <paramref name="stackName"/> to create for <paramref name="request"/>; <paramref name="options"/> and <paramref name="dockerImage"/> replace the request's when given.</summary>
    private static CreateStackRequest StackRequestFor(
        HttpServiceStackRequest request, string stackName, DeploymentHistory.Entry? first = null, HttpServiceOptions? options = null, string? dockerImage = null)
    {
        var template = HttpServiceTemplate.Build(options ?? OptionsOf(request));
        if (first is not null)
        {
            DeploymentHistory.Write(template, [first]);
        }
        var given = request.GivenParameters();
        if (dockerImage is not null)
        {
            given[HttpServiceNames.DockerImage] = dockerImage;
        }
        return new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = TemplateWriter.ToBody(template),
            Parameters = HttpServiceParameters.Complete(template, given),
            Tags = request.Tags ?? new Dictionary<string, string>(),
            Capabilities = [.. template.RequiredCapabilities.Select(capability => capability.Value)],
            ResourceCount = template.Resources.Count,
        };
    }
}
