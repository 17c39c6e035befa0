using System.Text;
using StackKit.HttpService;
using StackKit.Preflight;
using StackKit.Stacks;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// CloudFormation takes a TemplateBody of at most 51,200 bytes. The template carries its options and the deploy
/// history, so templates with every option on, plus ten of the longest history entries, are measured as they are sent.
/// </summary>
public sealed class TemplateSizeTests
{
    // The longest image Docker takes: a 255-character name, a 128-character tag and a sha512 digest.
    private static readonly string LongestImage =
        "registry.example.com/" + new string('a', ImageReference.MaxNameLength - "registry.example.com/".Length) + ":" + new string('t', 128) + "@sha512:" + new string('0', 128);

    // The longest principal STS names: an IAM user with a 512-character path and a 64-character name, in aws-us-gov.
    private static readonly string LongestPrincipal = "arn:aws-us-gov:iam::123456789012:user/" + new string('p', 510) + "/" + new string('u', 64);

    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_longest_image_is_one_Docker_takes_and_a_longer_name_is_refused()
    {
        Assert.Equal(ImageReference.MaxLength, LongestImage.Length);
        Assert.Equal(LongestImage, ImageReference.Parse(LongestImage).Original);
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse("registry.example.com/" + new string('a', 235) + ":1"));
        Assert.Equal("The image name is 256 characters; Docker takes at most 255 for registry and repository together.", error.Message);
    }

    [Fact]
    public void Every_option_on_keeps_all_ten_of_the_longest_history_entries()
    {
        var template = HttpServiceTemplate.Build(EveryOption());
        var history = LongestHistory();

        var dropped = DeploymentHistory.Write(template, history);

        Assert.Equal(0, dropped);
        Assert.Equal(history, DeploymentHistory.Read(template));
        Assert.InRange(Encoding.UTF8.GetByteCount(TemplateWriter.ToBody(template)), 1, StackInputRules.MaxTemplateBodyBytes);
    }

    [Theory]
    [InlineData(true), InlineData(false)]
    public void The_largest_template_drops_its_oldest_history_entries_until_it_fits(bool amiId)
    {
        var template = HttpServiceTemplate.Build(Longest(EveryOption(), amiId, repositoryNameLength: 64));
        var history = LongestHistory();

        var dropped = DeploymentHistory.Write(template, history);

        var kept = DeploymentHistory.Kept - dropped;
        Assert.InRange(kept, 1, DeploymentHistory.Kept - 1);
        Assert.Equal(history.Take(kept), DeploymentHistory.Read(template));
        Assert.InRange(Encoding.UTF8.GetByteCount(TemplateWriter.ToBody(template)), 1, StackInputRules.MaxTemplateBodyBytes);
        // Only as many as needed are dropped: one more entry is over the limit.
        template.Metadata[DeploymentHistory.Key] = null;
        var oneMore = history.Take(kept + 1).ToList();
        Assert.Equal(1, DeploymentHistory.Write(template, oneMore));
    }

    [Fact]
    public void A_template_too_large_by_itself_is_refused_naming_its_size_and_what_to_shorten()
    {
        // 25 ECR repositories with names of 256 characters, the longest ECR takes.
        var body = TemplateWriter.ToBody(HttpServiceTemplate.Build(Longest(EveryOption(), amiId: false, repositoryNameLength: 256)));

        var error = Assert.Throws<ArgumentException>(() => StackInputRules.CheckTemplateBody(body, "request"));

        Assert.StartsWith($"The template is {Encoding.UTF8.GetByteCount(body)} bytes; CloudFormation accepts at most 51200 bytes inline. Nothing was sent.", error.Message, StringComparison.Ordinal);
        Assert.Contains("fewer or shorter AllowedCidrs and PullRepositoryArns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_body_sent_is_the_template_without_indentation()
    {
        var template = HttpServiceTemplate.Build(EveryOption());

        var body = TemplateWriter.ToBody(template);

        Assert.DoesNotContain("\n", body, StringComparison.Ordinal);
        Assert.Equal(TemplateWriter.ToJson(template), TemplateWriter.ToJson(TemplateReader.Parse(body)));
    }

    private static List<DeploymentHistory.Entry> LongestHistory() =>
        [.. Enumerable.Range(0, DeploymentHistory.Kept).Select(i => new DeploymentHistory.Entry(LongestImage, LongestPrincipal, At.AddDays(-i)))];

    /// <summary>Every option on, with the values of its examples.</summary>
    private static HttpServiceOptions EveryOption() => new()
    {
        LoadBalancer = LoadBalancerKind.Application,
        AllowSshForwarding = true,
        KeyApproval = true,
        ImageRepository = true,
        CpuScaling = true,
        PullRepositoryArns = ["arn:aws:ecr:us-east-1:123456789012:repository/web"],
        CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        DomainName = "api.example.com",
        HostedZoneId = "Z0123456789ABCDEFGHIJ",
        NotificationEmail = "ops@example.com",
        AllowedCidrs = ["203.0.113.0/24"],
    };

    /// <summary>
    /// Each free-text value as long as its rule (or AWS's) allows, the lists at their most items; ECR repository names
    /// of <paramref name="repositoryNameLength"/> characters (ECR takes up to 256).
    /// </summary>
    private static HttpServiceOptions Longest(HttpServiceOptions options, bool amiId, int repositoryNameLength)
    {
        options.SshKeyLifetimeHours = 8784;
        options.PullRepositoryArns = [.. Enumerable.Range(0, 25).Select(i => $"arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/r{i:00}" + new string('a', repositoryNameLength - 3))];
        options.AmiId = amiId ? "ami-0123456789abcdef0" : null;
        // SSM parameter names take up to 1011 characters.
        options.AmiSsmParameter = "/" + new string('s', 1010);
        options.DefaultDockerImage = LongestImage;
        options.DefaultInstanceType = "u7inh-32tb.480xlarge";
        options.ContainerPort = 65535;
        options.CertificateArn = "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
        options.DomainName = string.Join(".", new string('d', 63), new string('d', 63), new string('d', 63), new string('d', 57), "com");
        options.HostedZoneId = new string('Z', 32);
        options.AllowedCidrs = [.. Enumerable.Range(0, 25).Select(i => $"203.0.113.{100 + i}/32")];
        options.NotificationEmail = new string('e', 64) + "@" + string.Join(".", new string('m', 63), new string('m', 63), new string('m', 57), "com");
        Assert.Equal(253, options.DomainName.Length);
        Assert.Equal(254, options.NotificationEmail.Length);
        options.Validate();
        return options;
    }
}
