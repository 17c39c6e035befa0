using System.Text.RegularExpressions;

namespace StackKit.Preflight;

/// <summary>An image in an ECR private registry, <c>&lt;account&gt;.dkr.ecr[-fips].&lt;region&gt;.amazonaws.com[.cn]/&lt;repository&gt;</c>: where DescribeImages finds it and the ARN IAM grants.</summary>
internal sealed record EcrImage(string Account, string Region, string Partition, string Repository)
{
    /// <summary>ECR's private registries' host names, as bash and .NET both read the expression.</summary>
    public const string RegistryPattern = @"^[0-9]{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$";

    private static readonly Regex Registry = new(@"^(?<account>[0-9]{12})\.dkr\.ecr(-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?<china>\.cn)?$", RegexOptions.CultureInvariant);

    /// <summary>The repository's ARN, as <see cref="HttpServiceOptions.PullRepositoryArns"/> names it.</summary>
    public string RepositoryArn => $"arn:{Partition}:ecr:{Region}:{Account}:repository/{Repository}";

    /// <summary>The image's ECR parts, or null when its registry is not an ECR private registry.</summary>
    public static EcrImage? Of(ImageReference image)
    {
        var match = Registry.Match(image.Registry);
        if (!match.Success)
        {
            return null;
        }
        var region = match.Groups["region"].Value;
        var partition = match.Groups["china"].Success ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        return new EcrImage(match.Groups["account"].Value, region, partition, image.Repository);
    }
}
