using StackKit.Aws.CloudFormation;
using StackKit.Stacks;

namespace StackKit.Tests.Stacks;

/// <summary>Which parameters an update sends: the given ones, and every other one the template still has, kept.</summary>
public sealed class UpdateParametersTests
{
    private static readonly CloudFormationStack Stack = new(
        "arn:aws:cloudformation:us-east-1:123456789012:stack/web/1", "web", StackStatus.CreateComplete, null, DateTimeOffset.UnixEpoch, null,
        new Dictionary<string, string> { ["DockerImage"] = "web:1", ["CpuTargetPercent"] = "50", ["InstanceType"] = "t3.micro" },
        new Dictionary<string, string>(), new Dictionary<string, string>());

    [Fact]
    public void A_kept_template_keeps_every_parameter_not_given()
    {
        var sent = UpdateParameters.For(Stack, new UpdateStackRequest { StackName = "web", Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:2" } });

        Assert.Equal(
            [new("CpuTargetPercent", null), new("InstanceType", null), new KeyValuePair<string, string?>("DockerImage", "web:2")],
            sent);
    }

    [Fact]
    public void A_new_template_keeps_only_the_parameters_it_declares_and_new_ones_take_their_defaults()
    {
        var sent = UpdateParameters.For(Stack, new UpdateStackRequest
        {
            StackName = "web",
            TemplateBody = "{}",
            TemplateParameters = ["DockerImage", "InstanceType", "Backend5xxThreshold"],
        });

        Assert.Equal([new KeyValuePair<string, string?>("DockerImage", null), new("InstanceType", null)], sent);
    }

    [Fact]
    public void A_given_parameter_the_new_template_lacks_is_refused_by_name()
    {
        var refused = Assert.Throws<ArgumentException>(() => UpdateParameters.For(Stack, new UpdateStackRequest
        {
            StackName = "web",
            Parameters = new Dictionary<string, string> { ["CpuTargetPercent"] = "60" },
            TemplateBody = "{}",
            TemplateParameters = ["DockerImage"],
        }));

        Assert.Contains("no parameter 'CpuTargetPercent'", refused.Message, StringComparison.Ordinal);
    }
}
