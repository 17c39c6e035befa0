namespace StackKit;

/// <summary>
/// What <see cref="IHttpServiceStacks.PublishImageAsync"/> builds and where it pushes it: a service project (the stock
/// <c>StackKit.Server</c> or one's own ASP.NET Core project calling <c>MapHttpService</c>) into the stack's own
/// repository (its <c>ImageRepositoryUri</c> output) or into <see cref="Repository"/>.
/// </summary>
public sealed class ImagePublishRequest
{
    /// <summary>The project: a <c>.csproj</c> file, or a folder holding exactly one.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>
    /// The stack whose repository (output <c>ImageRepositoryUri</c>) receives the image, and whose instance type says
    /// which platforms to build (arm64 too on Graviton). Needed unless <see cref="Repository"/> is given.
    /// </summary>
    public string? StackName { get; init; }

    /// <summary>
    /// Any OCI registry's repository, <c>REGISTRY/REPOSITORY</c> (no tag: the tag is derived), instead of the stack's
    /// own. Plain HTTP is spoken only to a registry on this machine (<c>localhost:PORT</c>, <c>127.0.0.1:PORT</c>).
    /// </summary>
    public string? Repository { get; init; }

    /// <summary>
    /// The base image instead of the one the project names (<c>ContainerBaseImage</c>), for a mirror or a stand-in
    /// when the public base cannot be pulled.
    /// </summary>
    public string? BaseImage { get; init; }

    /// <summary>
    /// The longest the build and push (<c>dotnet publish</c>) may take; it is stopped after that and nothing is
    /// deployed. Default 30 minutes: a cold Native AOT build of two platforms and a first push over a slow link take
    /// well under that, and a hung build (a stalled push, a restore waiting on a feed) ends. At most
    /// <see cref="MaxBuildTimeout"/>. The short steps before it (the project's version, git) have five minutes each.
    /// </summary>
    public TimeSpan BuildTimeout { get; init; } = DefaultBuildTimeout;

    /// <summary>The default <see cref="BuildTimeout"/>: 30 minutes.</summary>
    public static readonly TimeSpan DefaultBuildTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The longest <see cref="BuildTimeout"/> taken: a day.</summary>
    public static readonly TimeSpan MaxBuildTimeout = TimeSpan.FromHours(24);
}
