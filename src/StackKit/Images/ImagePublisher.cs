using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackKit.Images;

/// <summary>
/// Builds a service project into an image with the .NET SDK's container support (<c>dotnet publish
/// -t:PublishContainer</c>: no Docker) and pushes it, tagged with the project's version and git commit. Nothing is
/// deployed here: a caller deploys the result, so a failed build or push can never reach a stack.
/// </summary>
internal sealed class ImagePublisher(AwsConnection aws, TimeProvider time, Func<string, CancellationToken, Task<HttpServiceStack>> getStack)
{
    /// <summary>The stack output naming the stack's own repository (the ImageRepository option).</summary>
    public const string RepositoryOutput = "ImageRepositoryUri";

    private static readonly Regex Digest = new("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Builds and pushes; <paramref name="instanceType"/> picks the platforms when no stack is named (a stack being created).</summary>
    public async Task<ImagePublishResult> PublishAsync(ImagePublishRequest request, string? instanceType, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // The values first, then the file system, then AWS: bad input is refused before anything is read.
        if (request.StackName is null && request.Repository is null)
        {
            throw new ArgumentException("Name the stack whose repository receives the image (StackName), or a repository (Repository, REGISTRY/REPOSITORY).", nameof(request));
        }
        var (named, project, dotnet) = Prepare(request);
        var stack = request.StackName is null ? null : await getStack(request.StackName, cancellationToken).ConfigureAwait(false);
        var destination = named ?? StackRepository(stack!);
        var platforms = ContainerPlatforms.For(stack?.InstanceType ?? instanceType);
        var baseRegistry = request.BaseImage is null ? null : ImageDestination.RegistryOf(request.BaseImage);

        var facts = await ProjectFacts.ReadAsync(dotnet, project, cancellationToken).ConfigureAwait(false);
        var tag = await SourceTag.DeriveAsync(facts.Version, project.DirectoryName!, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        progress?.Report($"Publishing {project.Name} {facts.Version} as {destination}:{tag} for {string.Join(", ", platforms)}.");

        var login = destination.Ecr is { } registry
            ? await aws.EcrAuthorization.GetLoginAsync(registry, cancellationToken).ConfigureAwait(false)
            : null;
        await ProbeAsync(destination, cancellationToken).ConfigureAwait(false);

        var digestFile = Path.Combine(Path.GetTempPath(), $"stackkit-digest-{Guid.NewGuid():N}");
        try
        {
            var step = new ToolStep($"The build and push of {project.Name} (dotnet publish)", ImagePublishStage.Build, request.BuildTimeout,
                $"If it needs longer, raise {nameof(ImagePublishRequest.BuildTimeout)} (Publish-HttpServiceImage -BuildTimeoutMinutes); a push that stalls points at the registry or the network.");
            var (exitCode, lines) = await ToolRun.RunAsync(
                step, dotnet, PublishArguments(project, destination, tag, platforms, facts, request.BaseImage, digestFile), project.DirectoryName!,
                PublishEnvironment(destination, baseRegistry, login), line => progress?.Report(line), cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw Failure(project, destination, lines);
            }
            var digest = File.Exists(digestFile) ? File.ReadAllText(digestFile).Trim() : string.Empty;
            if (!Digest.IsMatch(digest))
            {
                digest = await ManifestDigestAsync(destination, tag, login, cancellationToken).ConfigureAwait(false);
            }
            var result = new ImagePublishResult
            {
                DockerImage = $"{destination}@{digest}",
                TaggedImage = $"{destination}:{tag}",
                Tag = tag,
                Digest = digest,
                Platforms = platforms,
                StackName = stack?.Name,
            };
            progress?.Report($"Pushed {result.DockerImage}.");
            return result;
        }
        finally
        {
            File.Delete(digestFile);
        }
    }

    /// <summary>
    /// What is checked without AWS or a build: the values, the project and the SDK. A caller that creates something
    /// before publishing (a stack's repository) calls it first, so bad input costs nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A value is refused.</exception>
    /// <exception cref="ImagePublishException">No project there, or no .NET SDK.</exception>
    public static (ImageDestination? Repository, FileInfo Project, string Dotnet) Prepare(ImagePublishRequest request)
    {
        // The base goes into an MSBuild property, where ';' would start another one (ContainerRegistry, say).
        if (request.BaseImage is not null && !Regex.IsMatch(request.BaseImage, HttpServiceOptions.DockerImagePattern))
        {
            throw new ArgumentException($"BaseImage '{request.BaseImage}' is not an image reference; use one like registry/name:tag (letters, digits, . _ / : @ -).", nameof(request));
        }
        if (request.BuildTimeout <= TimeSpan.Zero || request.BuildTimeout > ImagePublishRequest.MaxBuildTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.BuildTimeout,
                $"BuildTimeout {request.BuildTimeout} is out of range: give the build and push more than 0 and at most {ImagePublishRequest.MaxBuildTimeout.TotalHours:0} hours.");
        }
        var named = request.Repository is null ? null : ImageDestination.Parse(request.Repository, "Repository", nameof(request.Repository));
        var project = ProjectFile.Find(request.ProjectPath);
        var dotnet = ToolRun.FindOnPath("dotnet")
            ?? throw new ImagePublishException(ImagePublishStage.Prepare, "No .NET SDK was found (no 'dotnet' on PATH). Install the .NET 10 SDK (https://dot.net/download) or put its folder on PATH; publishing builds the image with it, no Docker needed.");
        return (named, project, dotnet);
    }

    private static ImageDestination StackRepository(HttpServiceStack stack) =>
        stack.Outputs.TryGetValue(RepositoryOutput, out var uri) && uri.Length > 0
            ? ImageDestination.Parse(uri, $"Stack '{stack.Name}' output {RepositoryOutput}", nameof(ImagePublishRequest.StackName))
            : throw new ImagePublishException(ImagePublishStage.Prepare,
                $"Stack '{stack.Name}' has no repository of its own (no output {RepositoryOutput}). Give it one with Update-HttpServiceStack -ImageRepository, or name any registry with -Repository REGISTRY/REPOSITORY.");

    private static List<string> PublishArguments(
        FileInfo project, ImageDestination destination, string tag, IReadOnlyList<string> platforms, ProjectFacts facts, string? baseImage, string digestFile)
    {
        var arguments = new List<string>
        {
            "publish", project.FullName, "-c", "Release", "-t:PublishContainer", "-nologo", "-p:ContainerRegistry=" + destination.Registry,
            "-p:ContainerRepository=" + destination.Repository, "-p:ContainerImageTag=" + tag,
            "-getProperty:GeneratedContainerDigest", "-getResultOutputFile:" + digestFile,
            // The registry login is in this build's environment: no MSBuild node or compiler server may outlive the
            // build holding it, and no response file may add logging that prints the environment.
            "-nodeReuse:false", "-p:UseSharedCompilation=false", "-noAutoResponse",
        };
        if (platforms.Count == 1)
        {
            arguments.AddRange(["-r", ContainerPlatforms.RuntimeIdentifier(platforms[0])]);
        }
        else
        {
            // One image per platform under one index. Native AOT compiles for the build machine's architecture only
            // (cross-compiling needs the other architecture's toolchain), so a multi-platform image is built JIT,
            // self-contained.
            arguments.Add("-p:ContainerRuntimeIdentifiers=" + string.Join("%3B", platforms.Select(ContainerPlatforms.RuntimeIdentifier)));
            if (facts.PublishAot)
            {
                arguments.AddRange(["-p:PublishAot=false", "-p:SelfContained=true"]);
            }
        }
        if (baseImage is not null)
        {
            arguments.Add("-p:ContainerBaseImage=" + baseImage);
        }
        return arguments;
    }

    // Plain HTTP for this machine's registries alone, whatever the caller's environment says; the ECR login goes to the
    // destination only (the PUSH variables), never to the base image's registry.
    private static Dictionary<string, string?> PublishEnvironment(ImageDestination destination, string? baseRegistry, NetworkCredential? login)
    {
        var insecure = new[] { destination.Registry, baseRegistry }.Where(registry => registry is not null && ImageDestination.IsLoopbackRegistry(registry)).Distinct().ToList();
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = insecure.Count == 0 ? null : string.Join(",", insecure),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CONTAINER_PUSH_REGISTRY_UNAME"] = login?.UserName,
            ["DOTNET_CONTAINER_PUSH_REGISTRY_PWORD"] = login?.Password,
        };
    }

    // Any HTTP answer (401 included) means the registry is there; asked before the build, so a wrong name costs seconds.
    private static async Task ProbeAsync(ImageDestination destination, CancellationToken cancellationToken)
    {
        using var http = Client(destination);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            using var answer = await http.GetAsync(destination.ApiRoot, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ImagePublishException(ImagePublishStage.Connect,
                $"Registry {destination.Registry} cannot be reached at {destination.ApiRoot} ({Innermost(error)}). Check the name and that it is running and reachable from here; nothing was built or deployed.");
        }
    }

    // The digest from the registry itself when the SDK reported none (an index of several platforms).
    private static async Task<string> ManifestDigestAsync(ImageDestination destination, string tag, NetworkCredential? login, CancellationToken cancellationToken)
    {
        using var http = Client(destination);
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(destination.ApiRoot, $"{destination.Repository}/manifests/{tag}"));
        foreach (var type in new[]
        {
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
        })
        {
            head.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        if (login is not null)
        {
            head.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{login.UserName}:{login.Password}")));
        }
        using var answer = await http.SendAsync(head, cancellationToken).ConfigureAwait(false);
        var digest = answer.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        return digest is not null && Digest.IsMatch(digest)
            ? digest
            : throw new ImagePublishException(ImagePublishStage.Push,
                $"The push of {destination}:{tag} reported no digest, and the registry answered {(int)answer.StatusCode} without one; check the tag in the registry before deploying it.");
    }

    private static HttpClient Client(ImageDestination destination) =>
        new(new HttpClientHandler { UseProxy = !destination.IsLoopback, AllowAutoRedirect = false }) { Timeout = ProbeTimeout };

    private static ImagePublishException Failure(FileInfo project, ImageDestination destination, IReadOnlyList<string> lines)
    {
        var errors = lines.Where(line => line.Contains(": error ") || line.Contains(" error CONTAINER")).Distinct().Take(10).ToList();
        var pushErrors = errors.Where(line => line.Contains("CONTAINER")).ToList();
        var shown = string.Join(Environment.NewLine, (errors.Count > 0 ? errors : lines.Skip(Math.Max(0, lines.Count - 10))).Select(line => "  " + line.Trim()));
        return pushErrors.Count > 0
            ? new ImagePublishException(ImagePublishStage.Push,
                $"The image of {project.Name} was built, but the push to {destination} failed; nothing was deployed. Check that the repository exists and that you may push to it (credentials: docker login, or the stack's own repository). The SDK said:{Environment.NewLine}{shown}")
            : new ImagePublishException(ImagePublishStage.Build,
                $"{project.Name} does not build; nothing was pushed or deployed. Fix the errors and publish again:{Environment.NewLine}{shown}");
    }

    private static string Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }
        return error is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : error.Message;
    }
}
