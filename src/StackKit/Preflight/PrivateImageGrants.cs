namespace StackKit.Preflight;

/// <summary>The private ECR repositories a stack's instances may pull from.</summary>
/// <param name="OwnRepository">Whether the stack has (or, being created, will have) its own repository.</param>
/// <param name="OwnRepositoryUri">That repository's URI once it exists (the stack's <c>ImageRepositoryUri</c> output).</param>
/// <param name="RepositoryArns">The other repositories granted (<see cref="HttpServiceOptions.PullRepositoryArns"/>).</param>
internal sealed record PrivateImageGrants(bool OwnRepository, string? OwnRepositoryUri, IReadOnlyList<string> RepositoryArns)
{
    /// <summary>What a template built with <paramref name="options"/> grants, its repository's URI taken from <paramref name="outputs"/> when the stack exists.</summary>
    public static PrivateImageGrants Of(HttpServiceOptions options, IReadOnlyDictionary<string, string>? outputs = null)
    {
        var own = options.ImageRepository && options.PullsPrivateImages;
        string? uri = null;
        if (own && outputs is not null)
        {
            outputs.TryGetValue(HttpService.HttpServiceNames.ImageRepositoryUriOutput, out uri);
        }
        return new PrivateImageGrants(own, uri, options.PullsPrivateImages ? options.PullRepositoryArns : []);
    }

    /// <summary>Whether <paramref name="image"/> is in a repository the instances may pull from.</summary>
    public bool Allow(ImageReference image, EcrImage ecr) =>
        (OwnRepositoryUri is not null && OwnRepositoryUri == $"{image.Registry}/{image.Repository}")
        || RepositoryArns.Contains(ecr.RepositoryArn, StringComparer.Ordinal);
}
