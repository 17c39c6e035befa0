namespace StackKit;

/// <summary>An image <see cref="IHttpServiceStacks.PublishImageAsync"/> built and pushed.</summary>
public sealed record ImagePublishResult
{
    /// <summary>
    /// The pushed image by digest, <c>REGISTRY/REPOSITORY@sha256:…</c>: what a stack's <c>DockerImage</c> takes
    /// (<c>Update-HttpServiceStack</c> binds it from the pipeline by this name).
    /// </summary>
    public required string DockerImage { get; init; }

    /// <summary>The same image by its tag, <c>REGISTRY/REPOSITORY:TAG</c>.</summary>
    public required string TaggedImage { get; init; }

    /// <summary>The tag: the project's version and the git commit, <c>-dirty</c> and the time when the tree had changes.</summary>
    public required string Tag { get; init; }

    /// <summary>The image's digest, <c>sha256:…</c> (of the image index when several platforms were built).</summary>
    public required string Digest { get; init; }

    /// <summary>The platforms built: <c>linux/amd64</c>, and <c>linux/arm64</c> for a Graviton stack.</summary>
    public required IReadOnlyList<string> Platforms { get; init; }

    /// <summary>The stack the image was published for, when one was named.</summary>
    public string? StackName { get; init; }

    /// <inheritdoc />
    public override string ToString() => DockerImage;
}
