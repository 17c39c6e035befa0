using StackKit.HttpService;

namespace StackKit.Tests.HttpService;

public sealed class HttpServiceOptionsTests
{
    public static TheoryData<HttpServiceOptions, string, string> BadOptions => new()
    {
        { new() { AmiId = "ubuntu" }, "AmiId", "ami-0123456789abcdef0" },
        { new() { AmiSsmParameter = "latest" }, "AmiSsmParameter", "/aws/service/" },
        { new() { DefaultDockerImage = "image; rm -rf /" }, "DefaultDockerImage", "registry/name:tag" },
        { new() { DefaultDockerImage = "it's" }, "DefaultDockerImage", "registry/name:tag" },
        { new() { DefaultInstanceType = "big" }, "DefaultInstanceType", "t3.micro" },
        { new() { ContainerPort = 0 }, "ContainerPort", "1 to 65535" },
        { new() { LoadBalancer = (LoadBalancerKind)7 }, "LoadBalancer", "Classic or Application" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_is_named_with_how_to_fix_it_and_no_template_is_built(HttpServiceOptions options, string option, string fix)
    {
        var error = Assert.Throws<ArgumentException>(() => HttpServiceTemplate.Build(options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        new HttpServiceOptions().Validate();
    }
}
