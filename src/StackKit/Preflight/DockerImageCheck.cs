namespace StackKit.Preflight;

/// <summary>
/// The image can be pulled the way the instances pull it: anonymously from its registry, or, in ECR, from a repository
/// the instance role may pull from. A missing tag, or a private image the instances may not pull, is refused; a
/// registry this machine cannot reach only warns, since the instances may still reach it.
/// </summary>
internal sealed class DockerImageCheck : IPreflightCheck
{
    public PreflightCheck Name => PreflightCheck.DockerImage;

    public string Subject(PreflightTarget target) => $"image {target.DockerImage}";

    public bool AppliesTo(PreflightTarget target) => target.DockerImage is not null;

    public async Task CheckAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        var given = context.Target.DockerImage!;
        ImageReference image;
        try
        {
            image = ImageReference.Parse(given);
        }
        catch (FormatException error)
        {
            throw context.Refuse(Name, $"Docker image '{given}' is not a reference Docker can pull: {error.Message}");
        }
        if (EcrImage.Of(image) is { } ecr)
        {
            await CheckPrivateAsync(context, given, image, ecr, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CheckPublicAsync(context, given, image, cancellationToken).ConfigureAwait(false);
        }
        if (image.IsMutable)
        {
            context.Warn(Name,
                $"Docker image '{given}' uses {(image.Tag is null ? "no tag (latest)" : "the tag latest")}, which can change under the stack: " +
                "new instances may run another image than the old ones. Pin a version tag or a digest (name@sha256:...).");
        }
    }

    /// <summary>
    /// An image in ECR: allowed only from a repository the instance role may pull from (the stack's own, or a granted
    /// one), and looked up with DescribeImages, which needs the caller's credentials rather than a registry login.
    /// </summary>
    private async Task CheckPrivateAsync(PreflightContext context, string given, ImageReference image, EcrImage ecr, CancellationToken cancellationToken)
    {
        var grants = context.Target.PrivateImages;
        if (grants is null || !grants.Allow(image, ecr))
        {
            throw context.Refuse(Name,
                $"Docker image '{given}' is in ECR repository {ecr.RepositoryArn}, which the instances may not pull from: their role may pull only from the stack's own " +
                "repository (option ImageRepository, output ImageRepositoryUri) and the repositories PullRepositoryArns grants. " +
                $"Grant this one (-PullRepositoryArn {ecr.RepositoryArn}; C#: HttpServiceOptions.PullRepositoryArns), or push the image to the stack's repository." +
                (grants is { OwnRepository: true, OwnRepositoryUri: null }
                    ? " The stack's own repository exists only once the stack does: create the stack with a public image first, push yours to its ImageRepositoryUri, then update to it."
                    : string.Empty));
        }
        if (ecr.Region != context.Region)
        {
            context.Warn(Name, $"Could not check Docker image '{given}': it is in {ecr.Region} and the checks ask ECR in {context.Region} only. If the instances cannot pull it, the stack fails.");
            return;
        }
        var what = image.Digest is null ? $"tagged '{image.ManifestReference}'" : $"with digest {image.Digest}";
        try
        {
            if (await context.Ecr.DescribeImageAsync(ecr.Account, ecr.Repository, image.Tag, image.Digest, cancellationToken).ConfigureAwait(false) is null)
            {
                throw context.Refuse(Name,
                    $"Docker image '{given}' does not exist: ECR repository '{ecr.Repository}' (account {ecr.Account}, {ecr.Region}) has no image {what}. " +
                    $"Push it first (Publish-HttpServiceImage, or docker push {given}), or pick a pushed one (aws ecr describe-images --repository-name {ecr.Repository} --region {ecr.Region}).");
            }
        }
        catch (AwsServiceException error) when (Aws.Ecr.EcrClient.IsRepositoryMissing(error))
        {
            throw context.Refuse(Name,
                $"Docker image '{given}' names ECR repository '{ecr.Repository}', which does not exist in account {ecr.Account} in {ecr.Region}. " +
                $"Check the name (aws ecr describe-repositories --region {ecr.Region}), or create the repository and push the image.");
        }
    }

    private async Task CheckPublicAsync(PreflightContext context, string given, ImageReference image, CancellationToken cancellationToken)
    {
        if (RegistryClient.IsLoopback(image.Registry))
        {
            context.Warn(Name,
                $"Docker image '{given}' is on a registry on this machine ({image.Registry}); the instances will look for it on themselves. " +
                "Push it to a registry they can reach.");
        }

        var lookup = await context.Registry.LookUpAsync(image, cancellationToken).ConfigureAwait(false);
        // A registry that answered that the default image is not there (GHCR answers 401 for a package that does not
        // exist, as for a private one): the stock server can be built in its place. One that did not answer is below.
        if (context.Target.DefaultImage && lookup.Answer is RegistryAnswer.NotFound or RegistryAnswer.CredentialsRequired)
        {
            if (context.Target.BuildsMissingDefaultImage)
            {
                context.DefaultImageMissing = true;
                return;
            }
            throw context.Refuse(Name,
                $"Docker image '{given}', the default one, cannot be pulled: {lookup.Detail}. " +
                (given == HttpService.ReleaseImage.Reference ? "StackKit's release publishes it; until that release is out, " : "Until it is pushed, ") +
                "build the stock server from this checkout into a private ECR repository the stack owns and deploy that: New-HttpServiceStack -BuildImage " +
                "(C#: HttpServiceStackRequest.BuildImage; it needs the .NET SDK, no Docker). Or pass your own image (-DockerImage).",
                defaultImageMissing: true);
        }
        switch (lookup.Answer)
        {
            case RegistryAnswer.NotFound:
                throw context.Refuse(Name,
                    $"Docker image '{given}' does not exist: {lookup.Detail}. Check the name and {(image.Digest is null ? "tag" : "digest")}, " +
                    "or push the image first.");
            case RegistryAnswer.CredentialsRequired:
                throw context.Refuse(Name,
                    $"Docker image '{given}' cannot be pulled anonymously, as the instances pull it: {lookup.Detail}. " +
                    (given == HttpService.ReleaseImage.Reference
                        ? "It is StackKit's own image, which its release publishes: until that release is out (or if its package is still private), pass your own image."
                        : "Check the name, or make the image public."));
            case RegistryAnswer.Unreachable:
                context.Warn(Name,
                    $"Could not check Docker image '{given}': {lookup.Detail}. The deploy goes on; if the instances cannot pull it, the stack fails.");
                break;
        }
    }
}
