using System.Text.RegularExpressions;
using StackKit.Aws.Ecr;

namespace StackKit.Images;

/// <summary>
/// Where an image goes: <c>REGISTRY/REPOSITORY</c>. Plain HTTP only to a registry on this machine
/// (<c>localhost:PORT</c>, <c>127.0.0.1:PORT</c>); everything else is HTTPS.
/// </summary>
internal sealed record ImageDestination(string Registry, string Repository)
{
    private static readonly Regex RepositoryPath = new("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant);
    private static readonly Regex RegistryHost = new("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$", RegexOptions.CultureInvariant);
    private static readonly Regex LoopbackRegistry = new("^(localhost|127\\.0\\.0\\.1):[0-9]{1,5}$", RegexOptions.CultureInvariant);

    /// <summary>Whether the registry is this machine's, the only one spoken to in plain HTTP.</summary>
    public bool IsLoopback => IsLoopbackRegistry(Registry);

    /// <summary>The registry's API root: http:// for a loopback registry, https:// for all others.</summary>
    public Uri ApiRoot => new($"{(IsLoopback ? "http" : "https")}://{Registry}/v2/");

    /// <summary>The ECR registry (account, region) when it is ECR's, else null.</summary>
    public EcrRegistry? Ecr => EcrRegistry.Parse(Registry);

    public static bool IsLoopbackRegistry(string registry) => LoopbackRegistry.IsMatch(registry);

    /// <summary>The registry an image reference (with a tag or digest) names; Docker Hub's when its first part is no host.</summary>
    public static string RegistryOf(string imageReference)
    {
        var slash = imageReference.IndexOf('/');
        var first = slash < 0 ? string.Empty : imageReference.Substring(0, slash);
        return first.IndexOfAny(['.', ':']) >= 0 || first == "localhost" ? first : "docker.io";
    }

    /// <summary>Reads <c>REGISTRY/REPOSITORY</c>; <paramref name="source"/> names where it came from in the error.</summary>
    /// <exception cref="ArgumentException">Not such a reference; the message says what is wrong.</exception>
    public static ImageDestination Parse(string reference, string source, string parameterName)
    {
        if (reference.Contains("://"))
        {
            throw new ArgumentException(
                $"{source} '{reference}' has a scheme; write REGISTRY/REPOSITORY (e.g. localhost:5000/my-service). StackKit speaks HTTPS to every registry, and plain HTTP only to one on this machine (localhost:PORT).",
                parameterName);
        }
        var slash = reference.IndexOf('/');
        var registry = slash < 0 ? string.Empty : reference.Substring(0, slash);
        var repository = slash < 0 ? reference : reference.Substring(slash + 1);
        if (registry.Length == 0 || !RegistryHost.IsMatch(registry) || (registry.IndexOfAny(['.', ':']) < 0 && registry != "localhost"))
        {
            throw new ArgumentException(
                $"{source} '{reference}' names no registry; write REGISTRY/REPOSITORY, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-service or localhost:5000/my-service.",
                parameterName);
        }
        if (!RepositoryPath.IsMatch(repository))
        {
            throw new ArgumentException(
                $"{source} '{reference}' has no valid repository path after the registry: lower-case letters, digits and '.', '_', '-' between '/'-separated parts, and no tag or digest (the tag is derived from the project's version and git commit).",
                parameterName);
        }
        return new ImageDestination(registry, repository);
    }

    public override string ToString() => $"{Registry}/{Repository}";
}
