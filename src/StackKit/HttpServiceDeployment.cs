namespace StackKit;

/// <summary>
/// One deploy of a stack's image, as the stack's template records it (metadata <c>StackKit::Deployments</c>): the
/// image, who deployed it and when, and how it turned out. Newest first in
/// <see cref="IHttpServiceStacks.ListDeploymentsAsync"/>.
/// </summary>
public sealed class HttpServiceDeployment
{
    /// <summary>The stack deployed to.</summary>
    public required string StackName { get; init; }

    /// <summary>The stack's region.</summary>
    public required string Region { get; init; }

    /// <summary>The image reference deployed, as given (registry/name:tag or registry/name@sha256:...).</summary>
    public required string Image { get; init; }

    /// <summary>The image's digest (sha256:...) when the reference names one; null for a tag.</summary>
    public string? Digest { get; init; }

    /// <summary>The IAM principal that deployed it (STS GetCallerIdentity's ARN).</summary>
    public required string Principal { get; init; }

    /// <summary>When the deploy was sent.</summary>
    public required DateTimeOffset DeployedAt { get; init; }

    /// <summary>Whether it serves now, served before, or is still rolling out.</summary>
    public required DeploymentOutcome Outcome { get; init; }

    /// <summary>One line: when, outcome, image and who.</summary>
    public override string ToString() => $"{DeployedAt:u} {Outcome} {Image} by {Principal}";
}
