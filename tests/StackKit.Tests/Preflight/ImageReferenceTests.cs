using StackKit.Preflight;

namespace StackKit.Tests.Preflight;

/// <summary>Image references resolve to a registry, repository and tag or digest as Docker resolves them.</summary>
public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "registry-1.docker.io", "library/nginx", "latest")]
    [InlineData("nginx:1.27", "registry-1.docker.io", "library/nginx", "1.27")]
    [InlineData("docker.io/nginx:1.27", "registry-1.docker.io", "library/nginx", "1.27")]
    [InlineData("index.docker.io/library/nginx", "registry-1.docker.io", "library/nginx", "latest")]
    [InlineData("bitnami/nginx:1", "registry-1.docker.io", "bitnami/nginx", "1")]
    [InlineData("ghcr.io/stackkit/http-service:0.1.0", "ghcr.io", "stackkit/http-service", "0.1.0")]
    [InlineData("localhost/web", "localhost", "web", "latest")]
    [InlineData("127.0.0.1:5000/team/web:1.0", "127.0.0.1:5000", "team/web", "1.0")]
    [InlineData("public.ecr.aws/nginx/nginx:stable", "public.ecr.aws", "nginx/nginx", "stable")]
    [InlineData("[::1]:5000/web:2", "[::1]:5000", "web", "2")]
    public void A_reference_names_its_registry_repository_and_tag(string reference, string registry, string repository, string manifest)
    {
        var image = ImageReference.Parse(reference);

        Assert.Equal((registry, repository, manifest), (image.Registry, image.Repository, image.ManifestReference));
    }

    [Fact]
    public void A_digest_is_what_the_registry_is_asked_for_and_is_not_mutable()
    {
        var digest = "sha256:" + new string('a', 64);

        var image = ImageReference.Parse($"ghcr.io/stackkit/http-service:0.1.0@{digest}");

        Assert.Equal((digest, "0.1.0", false), (image.ManifestReference, image.Tag, image.IsMutable));
    }

    [Theory]
    [InlineData("nginx", true)]
    [InlineData("nginx:latest", true)]
    [InlineData("nginx:1.27", false)]
    public void No_tag_and_latest_are_mutable(string reference, bool mutable) =>
        Assert.Equal(mutable, ImageReference.Parse(reference).IsMutable);

    [Theory]
    [InlineData("Team/Web:1", "lowercase")]
    [InlineData("nginx:-bad", "not an image tag")]
    [InlineData("nginx@sha256:abc", "not an image digest")]
    [InlineData("ghcr.io/:1", "not a repository name")]
    [InlineData("registry.example.com:port/web:1", "is not a registry")]
    [InlineData("-registry.example.com/web:1", "is not a registry")]
    public void References_Docker_refuses_are_refused_with_the_reason(string reference, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(reference));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
