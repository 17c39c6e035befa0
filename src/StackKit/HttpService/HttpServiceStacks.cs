using StackKit.Aws;
using StackKit.Preflight;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The HTTP service's stacks: deploys the service template with checked parameters and changes its parameters
/// later, after the checks before deploying (<see cref="PreflightException"/>); everything else is the plain
/// <see cref="StackLifecycle"/>.
/// </summary>
/// <param name="stacks">The lifecycle to run on.</param>
public sealed class HttpServiceStacks(StackLifecycle stacks)
{
    /// <summary>The HTTP service's stacks over <paramref name="aws"/>.</summary>
    public HttpServiceStacks(AwsConnection aws)
        : this(new StackLifecycle(aws))
    {
    }

    /// <summary>The lifecycle underneath, for get, list, delete and watch.</summary>
    public StackLifecycle Lifecycle { get; } = stacks ?? throw new ArgumentNullException(nameof(stacks));

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
        else if (await Lifecycle.Aws.CloudFormation.DescribeStackAsync(update.StackName, cancellationToken).ConfigureAwait(false) is { } current)
        {
            // A missing stack is the lifecycle's to report; a foreign one is refused before it is checked.
            StackLifecycle.RequireManaged(current, "update");
            await Preflight.RunAsync(PreflightTarget.ForUpdate(current.Parameters, update.Parameters), update.Warnings, cancellationToken).ConfigureAwait(false);
        }
        return await Lifecycle.UpdateAsync(new UpdateStackRequest { StackName = update.StackName, Parameters = update.Parameters }, progress, cancellationToken).ConfigureAwait(false);
    }

    private PreflightChecks Preflight => new(Lifecycle.Aws);

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

    private static CreateStackRequest StackRequestFor(HttpServiceStackRequest request)
    {
        var template = HttpServiceTemplate.Build(request.Template);
        return new CreateStackRequest
        {
            StackName = request.StackName,
            TemplateBody = TemplateWriter.ToJson(template),
            Parameters = HttpServiceParameters.Complete(template, request.Parameters),
            Tags = request.Tags,
        };
    }
}
