using System.Text.RegularExpressions;

namespace StackKit.Preflight;

/// <summary>
/// The image can be pulled the way the instances pull it: anonymously, from its registry. A missing tag or a private
/// image is refused; a registry this machine cannot reach only warns, since the instances may still reach it.
/// </summary>
internal sealed class DockerImageCheck : IPreflightCheck
{
    // ECR's private registries: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn].
    private static readonly Regex EcrRegistry = new(@"^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant);

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
        if (EcrRegistry.IsMatch(image.Registry))
        {
            // The instances have no role that may read ECR and the user data does not log in: they pull anonymously.
            throw context.Refuse(Name,
                $"Docker image '{given}' is in a private ECR registry, which the instances cannot pull from: they pull " +
                "anonymously, without an ECR login or a role allowed to read it. Push the image to a public registry " +
                "(ECR Public at public.ecr.aws, GHCR, Docker Hub) and pass that reference.");
        }
        if (RegistryClient.IsLoopback(image.Registry))
        {
            context.Warn(Name,
                $"Docker image '{given}' is on a registry on this machine ({image.Registry}); the instances will look for it on themselves. " +
                "Push it to a registry they can reach.");
        }

        var lookup = await context.Registry.LookUpAsync(image, cancellationToken).ConfigureAwait(false);
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
        if (image.IsMutable)
        {
            context.Warn(Name,
                $"Docker image '{given}' uses {(image.Tag is null ? "no tag (latest)" : "the tag latest")}, which can change under the stack: " +
                "new instances may run another image than the old ones. Pin a version tag or a digest (name@sha256:...).");
        }
    }
}
