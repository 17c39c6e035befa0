using System.Text.RegularExpressions;

namespace StackKit.Preflight;

/// <summary>
/// A Docker image reference resolved the way Docker resolves it: a first component with a dot, a colon or
/// <c>localhost</c> is the registry, else Docker Hub (<c>nginx</c> is <c>registry-1.docker.io</c>'s
/// <c>library/nginx</c>); no tag and no digest means <c>latest</c>.
/// </summary>
internal sealed record ImageReference(string Original, string Registry, string Repository, string? Tag, string? Digest)
{
    private const string DockerHubRegistry = "registry-1.docker.io";

    /// <summary>Docker's longest name (registry and repository, without tag or digest): distribution's NameTotalLengthMax.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The longest reference Docker accepts: the longest name, a 128-character tag and a sha512 digest.</summary>
    public const int MaxLength = MaxNameLength + 1 + 128 + 1 + 135;

    // A host name, an IPv4 address or a bracketed IPv6 address, and an optional port: what may go into the URL.
    private static readonly Regex RegistryHost = new(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$", RegexOptions.CultureInvariant);
    private static readonly Regex PathComponent = new("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex TagPattern = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);
    private static readonly Regex DigestPattern = new("^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$", RegexOptions.CultureInvariant);

    /// <summary>The tag or digest to ask the registry for.</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    /// <summary>True when the reference can change under the same name: <c>:latest</c>, or neither tag nor digest.</summary>
    public bool IsMutable => Digest is null && (Tag is null || Tag == "latest");

    /// <summary>True when the registry is Docker Hub.</summary>
    public bool IsDockerHub => Registry == DockerHubRegistry;

    /// <summary>Parses <paramref name="reference"/>.</summary>
    /// <exception cref="FormatException">Not a reference Docker would accept; the message says why.</exception>
    public static ImageReference Parse(string reference)
    {
        var rest = reference;
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
            if (!DigestPattern.IsMatch(digest))
            {
                throw new FormatException($"'{digest}' is not an image digest; use sha256: and 64 lowercase hex digits.");
            }
        }

        var slash = rest.IndexOf('/');
        var first = slash < 0 ? null : rest.Substring(0, slash);
        var hasRegistry = first is not null && (first.IndexOfAny(['.', ':']) >= 0 || first == "localhost" || first.Any(char.IsUpper));
        var registry = hasRegistry ? first! : "docker.io";
        var path = hasRegistry ? rest.Substring(slash + 1) : rest;
        if (!RegistryHost.IsMatch(registry))
        {
            throw new FormatException($"'{registry}' is not a registry: use a host name or address and an optional port, such as ghcr.io or 127.0.0.1:5000.");
        }

        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = path.Substring(colon + 1);
            path = path.Substring(0, colon);
            if (!TagPattern.IsMatch(tag))
            {
                throw new FormatException($"'{tag}' is not an image tag; use up to 128 letters, digits, _ . or -, not starting with . or -.");
            }
        }

        var nameLength = (hasRegistry ? registry.Length + 1 : 0) + path.Length;
        if (nameLength > MaxNameLength)
        {
            throw new FormatException($"The image name is {nameLength} characters; Docker takes at most {MaxNameLength} for registry and repository together.");
        }

        if (registry is "docker.io" or "index.docker.io")
        {
            registry = DockerHubRegistry;
            if (!path.Contains('/'))
            {
                path = "library/" + path;
            }
        }
        if (path.Length == 0 || !path.Split('/').All(PathComponent.IsMatch))
        {
            throw new FormatException(
                $"'{path}' is not a repository name: Docker wants lowercase letters and digits, separated by . _ __ - or /.");
        }
        return new ImageReference(reference, registry, path, tag, digest);
    }

    /// <summary>The reference, or null when Docker would not accept it (the check then says why).</summary>
    public static ImageReference? TryParse(string reference)
    {
        try
        {
            return Parse(reference);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Digest is null ? $"{Registry}/{Repository}:{ManifestReference}" : $"{Registry}/{Repository}@{Digest}";
}
