using StackKit.Aws;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The HTTP service's stacks: deploys the service template with checked parameters and changes its parameters
/// later; everything else is the plain <see cref="StackLifecycle"/>.
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

    /// <summary>Builds the service template, checks every parameter value against it, creates the stack and waits.</summary>
    /// <exception cref="ArgumentException">A bad option or parameter value; nothing was sent to AWS.</exception>
    /// <exception cref="StackOperationException">Creation failed: carries the root cause.</exception>
    public Task<StackInfo> CreateAsync(HttpServiceStackRequest request, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Lifecycle.CreateAsync(StackRequestFor(request), progress, cancellationToken);

    /// <summary>Like <see cref="CreateAsync"/>, but returns once CloudFormation accepted the stack, without waiting.</summary>
    /// <exception cref="ArgumentException">A bad option or parameter value; nothing was sent to AWS.</exception>
    public Task<StackInfo> StartCreateAsync(HttpServiceStackRequest request, CancellationToken cancellationToken = default) =>
        Lifecycle.StartCreateAsync(StackRequestFor(request), cancellationToken);

    /// <summary>
    /// Changes the given parameters (a new <c>DockerImage</c>, say), keeping every other value and the template, and waits.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter the service template does not have, or a bad value; nothing was sent.</exception>
    public Task<StackUpdateResult> UpdateAsync(string stackName, IReadOnlyDictionary<string, string> parameters, IProgress<StackProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        HttpServiceParameters.Check(HttpServiceTemplate.Build(), parameters);
        return Lifecycle.UpdateAsync(new UpdateStackRequest { StackName = stackName, Parameters = parameters }, progress, cancellationToken);
    }

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
