using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit.Images;

/// <summary>
/// A first deploy whose default image is not published yet (<see cref="HttpServiceStackRequest.BuildImage"/>), in
/// three steps on one stack: (1) the stack holds only its own image repository, so the repository exists before any
/// server boots; (2) the stock server is built and pushed there; (3) the stack becomes the full service, running the
/// pushed image by digest. A build or push that fails stops before (3): no server was ever started.
/// </summary>
internal sealed class FirstImageDeploy(StackLifecycle lifecycle, ImagePublisher publisher)
{
    /// <summary>Refuses what cannot work before anything is created: the values, the project, the SDK.</summary>
    /// <exception cref="ArgumentException">A value is refused; the message says which and why.</exception>
    /// <exception cref="ImagePublishException">No project there, or no .NET SDK.</exception>
    public static void Check(HttpServiceStackRequest request, HttpServiceOptions options)
    {
        var build = request.BuildImage!;
        if (request.DockerImage is not null)
        {
            throw Refused("BuildImage builds the stock server in place of the default image, and DockerImage names another image: leave out one of them.", nameof(request.BuildImage));
        }
        if (!options.FleetKeyStore)
        {
            throw Refused(
                "BuildImage pushes the image to the stack's own ECR repository, which the servers pull from with the fleet key store's instance role: " +
                "leave out -NoFleetKeyStore (FleetKeyStore = false), or pass an image anyone can pull (-DockerImage).", nameof(request.BuildImage));
        }
        if (build.StackName is not null)
        {
            throw Refused("BuildImage.StackName must be unset: the new stack's own repository receives the image (or BuildImage.Repository, when set).", nameof(request.BuildImage));
        }
        ImagePublisher.Prepare(build);
    }

    /// <summary>
    /// Runs the three steps. <paramref name="options"/> are the full template's (with its repository);
    /// <paramref name="fullStack"/> makes the full stack's request for the pushed image.
    /// </summary>
    /// <exception cref="StackException">The build or push failed: the stack holds only its empty repository.</exception>
    /// <exception cref="StackOperationException">A step's stack change failed (the update rolls back to the repository alone).</exception>
    public async Task<HttpServiceStack> DeployAsync(
        string stackName, HttpServiceStackRequest request, HttpServiceOptions options, Func<string, Task<CreateStackRequest>> fullStack,
        IProgress<StackProgress>? progress, CancellationToken cancellationToken)
    {
        var say = request.BuildProgress;
        var build = request.BuildImage!;
        say?.Report($"Step 1 of 3: creating stack {stackName} with only its own image repository, so the repository exists before any server boots.");
        var alone = ImageRepository.Alone(options);
        var created = await lifecycle.CreateAsync(new CreateStackRequest
        {
            StackName = stackName,
            TemplateBody = TemplateWriter.ToBody(alone),
            Parameters = HttpServiceParameters.Complete(alone, new Dictionary<string, string>()),
            Tags = request.Tags ?? new Dictionary<string, string>(),
            ResourceCount = alone.Resources.Count,
        }, progress, cancellationToken).ConfigureAwait(false);
        var repository = created.Outputs[HttpServiceNames.ImageRepositoryUriOutput];
        var destination = build.Repository ?? repository;

        say?.Report($"Step 2 of 3: building {build.ProjectPath} with the .NET SDK and pushing it to {destination}.");
        ImagePublishResult image;
        try
        {
            image = await publisher.PublishAsync(
                new ImagePublishRequest { ProjectPath = build.ProjectPath, Repository = destination, BaseImage = build.BaseImage, BuildTimeout = build.BuildTimeout },
                request.InstanceTypeFor(options), say, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failed) when (failed is ImagePublishException or AwsServiceException)
        {
            throw new StackException(
                $"{failed.Message}{Environment.NewLine}Stack '{stackName}' holds only its own image repository ({repository}), with no image in it and no server: " +
                $"step 2 of 3 failed, so step 3 (the service itself) never ran. To try again, remove the stack (Remove-HttpServiceStack {stackName}; C#: DeleteAsync) " +
                $"and create it again. Its repository stays, as a stack's repository always does; delete it while it is empty with: " +
                $"aws ecr delete-repository --repository-name {RepositoryName(repository)} --region {created.Region}",
                stackName, created.StackId, created.Region, failed);
        }

        say?.Report($"Step 3 of 3: updating stack {stackName} to the full service, running {image.DockerImage}.");
        var full = await fullStack(image.DockerImage).ConfigureAwait(false);
        var result = await lifecycle.UpdateAsync(new UpdateStackRequest
        {
            StackName = stackName,
            Parameters = full.Parameters,
            TemplateBody = full.TemplateBody,
            TemplateParameters = [.. full.Parameters.Keys],
            Capabilities = full.Capabilities,
        }, progress, cancellationToken).ConfigureAwait(false);
        return result.Stack;
    }

    // The request's property names the bad value, as every refusal of a request does.
    private static ArgumentException Refused(string message, string property) => new(message, property);

    // REGISTRY/REPOSITORY: what ECR's API names the repository by.
    private static string RepositoryName(string uri) => uri.Substring(uri.IndexOf('/') + 1);
}
