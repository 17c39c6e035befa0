using StackKit.Aws.Ecr;

namespace StackKit.Preflight;

/// <summary>An image in an ECR private registry, <c>&lt;account&gt;.dkr.ecr[-fips].&lt;region&gt;.amazonaws.com[.cn]/&lt;repository&gt;</c>: where DescribeImages finds it and the ARN IAM grants.</summary>
internal sealed record EcrImage(string Account, string Region, string Partition, string Repository)
{
    /// <summary>The repository's ARN, as <see cref="HttpServiceOptions.PullRepositoryArns"/> names it.</summary>
    public string RepositoryArn => $"arn:{Partition}:ecr:{Region}:{Account}:repository/{Repository}";

    /// <summary>The image's ECR parts, or null when its registry is not an ECR private registry.</summary>
    public static EcrImage? Of(ImageReference image)
    {
        var registry = EcrRegistry.Parse(image.Registry);
        return registry is null ? null : new EcrImage(registry.Account, registry.Region, registry.Partition, image.Repository);
    }
}
