using StackKit;

/// <summary>What a tool does with the facade, knowing only <c>using StackKit;</c>: each step leaves a line to check.</summary>
internal static class Consumer
{
    public static async Task<List<string>> RunAsync(IHttpServiceStacks stacks)
    {
        var lines = new List<string>();
        var progress = new InOrder();
        HttpServiceStack s = await stacks.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "web", DockerImage = "registry.example.com/web:1", InstanceType = "t3.small",
            SshKeyName = "my-key", SshCidr = "203.0.113.7/32",
            ServiceCredential = new System.Net.NetworkCredential("ops", "correct-horse-battery"),
            Tags = new Dictionary<string, string> { ["team"] = "web" },
            Warnings = new Warnings(lines),
        }, progress);
        bool ok = s.Status == StackStatus.CreateComplete && !s.Status.IsInProgress && !s.Status.IsFailed;
        Uri? url = s.Url; string region = s.Region; string image = s.DockerImage; string type = s.InstanceType;
        int min = s.Capacity!.MinSize;
        lines.Add($"created {s} ok={ok} url={url?.Scheme} region={region} image={image} type={type} min={min}");
        lines.Add($"progress in order={progress.InOrderSoFar} reports={progress.Count} last={progress.Last}");
        StackUpdateResult u = await stacks.UpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "registry.example.com/web:2" });
        lines.Add($"updated {u.Outcome == StackUpdateOutcome.Updated} image={u.Stack.DockerImage} type={u.Stack.InstanceType}");
        StackChangePreview p = await stacks.PreviewUpdateAsync("web", new HttpServiceStackUpdate { DockerImage = "registry.example.com/web:3" });
        ParameterChangePreview change = p.ParameterChanges.Single();
        lines.Add($"previewed {change.Name} {change.OldValue} -> {change.NewValue} rolling={p.Notes.Any(n => n.Contains("one by one", StringComparison.Ordinal))}");
        var read = new List<ServiceLogEvent>();
        await foreach (ServiceLogEvent e in stacks.ReadLogsAsync("web", new ServiceLogQuery { Since = DateTimeOffset.UtcNow.AddHours(-1) }))
        {
            read.Add(e);
        }
        lines.Add($"logs {read.Count}{string.Concat(read.Select(e => $" [{e.InstanceId}: {e.Message}]"))}");
        IReadOnlyList<HttpServiceStack> all = await stacks.ListAsync();
        lines.Add($"listed {string.Join(",", all)}");
        try
        {
            StackDeleteResult d = await stacks.DeleteAsync("web");
            lines.Add($"deleted {d.Outcome == StackDeleteOutcome.Deleted}");
        }
        catch (AwsServiceException e) when (e.ErrorCode == "DependencyViolation")
        {
            // moto's gap: it refuses DeleteStack of a stack with a VPC (real CloudFormation deletes it).
            lines.Add($"delete refused by the endpoint: {e.ErrorCode}");
        }
        try
        {
            await stacks.GetAsync("nope");
        }
        catch (StackNotFoundException e)
        {
            lines.Add($"not found is StackKitException={e is StackKitException} name={e.StackName} region={e.Region}");
        }
        try
        {
            await stacks.CreateAsync(new HttpServiceStackRequest { StackName = "bad", SshCidr = "10.0.0.0/33" });
        }
        catch (ArgumentException e)
        {
            lines.Add($"bad value names {e.ParamName}");
        }
        return lines;
    }
}

/// <summary>Reports run where they are made, so they arrive in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class InOrder : IProgress<StackProgress>
{
    private int _sequence;

    public bool InOrderSoFar { get; private set; } = true;

    public int Count => _sequence;

    public string Last { get; private set; } = "";

    public void Report(StackProgress value)
    {
        InOrderSoFar &= value.Sequence == _sequence + 1 && value.ResourcesDone <= value.ResourcesTotal;
        _sequence = value.Sequence;
        Last = $"{value.ResourcesDone}/{value.ResourcesTotal} {value.Status}";
    }
}

internal sealed class Warnings(List<string> lines) : IProgress<PreflightWarning>
{
    public void Report(PreflightWarning value) => lines.Add("warning " + value.Check);
}

/// <summary>A stand-in for the real facade, as a tool's unit tests would write one.</summary>
internal sealed class FakeStacks : IHttpServiceStacks
{
    private readonly Dictionary<string, HttpServiceStack> _stacks = new();

    public string Region => "eu-west-1";

    public Task<HttpServiceStack> CreateAsync(HttpServiceStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request.SshCidr is "10.0.0.0/33")
        {
            throw new ArgumentException("not a CIDR", nameof(request.SshCidr));
        }
        progress?.Report(new StackProgress
        {
            StackName = request.StackName!, Sequence = 1, LogicalResourceId = request.StackName!, ResourceType = "AWS::CloudFormation::Stack",
            Status = ResourceStatus.CreateComplete, Timestamp = DateTimeOffset.UtcNow, IsAboutStack = true, ResourcesDone = 1, ResourcesTotal = 1,
        });
        var stack = Stack(request.StackName!, StackStatus.CreateComplete, request.DockerImage!, request.InstanceType!);
        _stacks[stack.Name] = stack;
        return Task.FromResult(stack);
    }

    public Task<HttpServiceStack> StartCreateAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default) => CreateAsync(request, null, cancellationToken);

    public Task<HttpServiceStack> GetAsync(string stackName, CancellationToken cancellationToken = default) =>
        _stacks.TryGetValue(stackName, out var stack) ? Task.FromResult(stack) : throw new StackNotFoundException(stackName, Region);

    public Task<HttpServiceStack> DiagnoseAsync(string stackName, CancellationToken cancellationToken = default) => GetAsync(stackName, cancellationToken);

    public Task<IReadOnlyList<HttpServiceStack>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HttpServiceStack>>([.. _stacks.Values]);

    public Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<string>>([.. _stacks.Keys]);

    public async Task<StackUpdateResult> UpdateAsync(string stackName, HttpServiceStackUpdate update, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(stackName, cancellationToken);
        var updated = Stack(stackName, StackStatus.UpdateComplete, update.DockerImage ?? current.DockerImage, update.InstanceType ?? current.InstanceType);
        _stacks[stackName] = updated;
        return new StackUpdateResult(StackUpdateOutcome.Updated, updated);
    }

    public Task<IReadOnlyList<HttpServiceDeployment>> ListDeploymentsAsync(string stackName, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HttpServiceDeployment>>([]);

    public Task<StackUpdateResult> UndoAsync(HttpServiceUndoRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(request.StackName, new HttpServiceStackUpdate { DockerImage = request.Image }, progress, cancellationToken);

    public Task<StackChangePreview> PreviewUndoAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken = default) =>
        PreviewUpdateAsync(request.StackName, new HttpServiceStackUpdate { DockerImage = request.Image }, cancellationToken);

    public Task<string> FindUndoImageAsync(HttpServiceUndoRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(request.Image ?? "registry.example.test/web:1");

    public async Task<StackChangePreview> PreviewUpdateAsync(string stackName, HttpServiceStackUpdate update, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(stackName, cancellationToken);
        return new StackChangePreview
        {
            StackName = stackName,
            Changes = [],
            ParameterChanges = update.DockerImage is null ? [] : [new ParameterChangePreview("DockerImage", current.DockerImage, update.DockerImage)],
            Notes = update.DockerImage is null ? [] : ["The servers are replaced one by one by the rolling update."],
        };
    }

    public Task<CostEstimate> EstimateCostAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CostEstimate
        {
            StackName = request.StackName,
            Region = Region,
            InstanceType = request.InstanceType ?? "t3.micro",
            MinServers = 1,
            CurrentServers = 1,
            MaxServers = 5,
            Lines = [new CostLine { Item = "EC2 instances", Assumption = "730 h a server", Unit = "Hrs", UnitPriceUsd = 0.01m, AtMinServers = 7.3m, AtCurrentServers = 7.3m, AtMaxServers = 36.5m }],
        });

    public async Task<CostEstimate> EstimateStackCostAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var stack = await GetAsync(stackName, cancellationToken);
        return await EstimateCostAsync(new HttpServiceStackRequest { StackName = stack.Name, InstanceType = stack.InstanceType }, cancellationToken);
    }

    public async Task<StackDrift> DetectDriftAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var stack = await GetAsync(stackName, cancellationToken);
        return new StackDrift { StackName = stack.Name, Status = StackDriftStatus.InSync, CheckedAt = stack.CreationTime };
    }

    public async IAsyncEnumerable<ServiceLogEvent> ReadLogsAsync(string stackName, ServiceLogQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stack = await GetAsync(stackName, cancellationToken);
        yield return new ServiceLogEvent(stack.CreationTime, "i-1", "GET / 200");
    }

    public Task<StackDeleteResult> DeleteAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stacks.Remove(stackName)
            ? new StackDeleteResult(StackDeleteOutcome.Deleted, stackName, "arn:fake", Region)
            : new StackDeleteResult(StackDeleteOutcome.DidNotExist, stackName, null, Region));

    public Task<HttpServiceStack> WatchAsync(string stackName, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) => GetAsync(stackName, cancellationToken);

    public Task<SshKeyAddResult> AddSshKeyAsync(SshKeyAddRequest request, CancellationToken cancellationToken = default) => throw new SshKeyStoreMissingException(request.StackName, "arn:fake", Region);

    public Task<IReadOnlyList<SshKey>> ListSshKeysAsync(string stackName, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<SshKey>>([]);

    public Task<SshKeyRemoveOutcome> RemoveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) => Task.FromResult(SshKeyRemoveOutcome.DidNotExist);

    public Task<IReadOnlyList<SshKeyChange>> ReadSshKeyHistoryAsync(string stackName, DateTimeOffset? since = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<SshKeyChange>>([]);

    public Task<ImagePublishResult> PublishImageAsync(ImagePublishRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        throw new ImagePublishException(ImagePublishStage.Prepare, "The fake builds no images.");

    public Task<SshKeyApproveResult> ApproveSshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) => Task.FromResult(new SshKeyApproveResult(SshKeyApproveOutcome.NotPending, null));

    public Task<SshKeyDenyOutcome> DenySshKeyAsync(string stackName, string fingerprint, CancellationToken cancellationToken = default) => Task.FromResult(SshKeyDenyOutcome.DidNotExist);

    private HttpServiceStack Stack(string name, StackStatus status, string image, string type) => new()
    {
        Name = name, StackId = "arn:fake", Region = Region, Status = status, Url = new Uri("http://fake.example.test"),
        DockerImage = image, InstanceType = type,
        Capacity = new StackCapacity("group", 1, 1, 5, [new InstanceHealth("i-1", InstanceLifecycleState.InService, InstanceHealthState.Healthy, InstanceHealthState.Healthy, null)]),
        Outputs = new Dictionary<string, string>(), Parameters = new Dictionary<string, string>(), Tags = new Dictionary<string, string>(),
        CreationTime = DateTimeOffset.UtcNow,
    };
}
