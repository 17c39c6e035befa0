using StackKit.HttpService;
using StackKit.Preflight;
using StackKit.Stacks;
using StackKit.Tests.Moto;
using StackKit.Tests.Templates;

namespace StackKit.Tests.Preflight;

/// <summary>
/// The EC2 checks before a deploy, on moto (which knows key pairs, its AMI catalogue, instance types and their zone
/// offerings): each refused and passed through the facade, and a refusal sends nothing to CloudFormation.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class MotoPreflightTests(MotoServer moto) : PreflightOnMotoTests(moto)
{
    // moto's catalogue in us-east-1: Amazon Linux 2023 for arm64, and an x86_64 Windows image.
    private const string Arm64Ami = "ami-08976229d8b10b097";
    private const string X86Ami = "ami-03cf127a";

    [Fact]
    public async Task A_missing_key_pair_is_refused_naming_it_the_region_and_the_fix_and_no_stack_is_created()
    {
        PreflightException? error = null;
        var actions = await Moto.ActionsDuringAsync(async () =>
            error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.SshKeyName] = "nobody-key" })));

        Assert.Contains("DescribeKeyPairs", actions);
        Assert.DoesNotContain(actions, action => action.StartsWith("Create", StringComparison.Ordinal));
        Assert.Equal((PreflightCheck.KeyPair, "us-east-1"), (error!.Check, error.Region));
        Assert.StartsWith("Key pair 'nobody-key' does not exist in us-east-1. Create or import it there (aws ec2 create-key-pair --key-name nobody-key --region us-east-1)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task An_existing_key_pair_passes_and_the_stack_is_created()
    {
        await Moto.AwsAsync("ec2", "create-key-pair", "--key-name", "service-key");

        var stack = await Moto.CreateAsync(new() { [HttpServiceNames.SshKeyName] = "service-key" });

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
        Assert.DoesNotContain(Moto.Warnings, w => w.Check == PreflightCheck.KeyPair);
    }

    [Fact]
    public async Task An_AMI_that_is_not_in_the_region_is_refused()
    {
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.AmiId] = "ami-0123456789abcdef0" }));

        Assert.Equal(PreflightCheck.Ami, error.Check);
        Assert.StartsWith("AMI ami-0123456789abcdef0 does not exist in us-east-1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task An_arm64_AMI_on_an_x86_64_instance_type_is_refused()
    {
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.AmiId] = Arm64Ami }));

        Assert.Equal(PreflightCheck.Ami, error.Check);
        Assert.Contains($"AMI {Arm64Ami} is built for arm64, but instance type t3.micro in us-east-1 runs x86_64 only", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task An_AMI_of_the_instance_type_s_architecture_passes()
    {
        var arm = await Moto.CreateAsync(new() { [HttpServiceNames.AmiId] = Arm64Ami, [HttpServiceNames.InstanceType] = "t4g.micro" }, "arm");
        var x86 = await Moto.CreateAsync(new() { [HttpServiceNames.AmiId] = X86Ami }, "x86");

        Assert.Equal(("CREATE_COMPLETE", "CREATE_COMPLETE"), (arm.Status.Value, x86.Status.Value));
    }

    [Fact]
    public async Task An_arm64_instance_type_with_the_default_x86_64_AMI_is_refused()
    {
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.InstanceType] = "t4g.micro" }));

        Assert.Contains("The default AMI (SSM parameter /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id) is built for x86_64, but instance type t4g.micro", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_type_not_offered_in_the_template_s_zones_is_refused()
    {
        // moto's offerings, like AWS's: trn1.2xlarge is in us-east-1c and 1f, not in 1a and 1b, which the subnets use.
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.InstanceType] = "trn1.2xlarge" }));

        Assert.Equal(PreflightCheck.InstanceType, error.Check);
        Assert.StartsWith("Instance type trn1.2xlarge is not offered in us-east-1a and us-east-1b, which the stack's subnets use in us-east-1. It is offered in ", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Moto.StackNamesAsync());
    }

    [Fact]
    public async Task The_zones_checked_are_those_Fn_GetAZs_gives_the_subnets_only_zones_with_a_default_subnet()
    {
        // trn1.32xlarge is offered in us-east-1b and 1c only. Without a default subnet in 1a, Fn::GetAZs starts at 1b.
        await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.InstanceType] = "trn1.32xlarge" }));
        var subnet = (await Moto.AwsAsync("ec2", "describe-subnets", "--filters", "Name=default-for-az,Values=true", "Name=availability-zone,Values=us-east-1a"))
            .GetProperty("Subnets")[0].GetProperty("SubnetId").GetString()!;
        await Moto.AwsAsync("ec2", "delete-subnet", "--subnet-id", subnet);

        var stack = await Moto.CreateAsync(new() { [HttpServiceNames.InstanceType] = "trn1.32xlarge" });

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
    }

    [Fact]
    public async Task An_instance_type_that_does_not_exist_is_refused()
    {
        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.CreateAsync(new() { [HttpServiceNames.InstanceType] = "t3.mega" }));

        Assert.Contains("t3.mega is offered in no zone of us-east-1: check the name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipPreflight_warns_and_sends_what_the_checks_would_refuse()
    {
        var stack = await Moto.CreateAsync(new() { [HttpServiceNames.SshKeyName] = "nobody-key" }, skip: true);

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
        var warning = Assert.Single(Moto.Warnings);
        Assert.Equal(PreflightCheck.Preflight, warning.Check);
        Assert.StartsWith("The checks before deploying are skipped", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_to_a_missing_key_pair_is_refused_and_the_stack_is_not_changed()
    {
        await Moto.CreateAsync([], "web");

        PreflightException? error = null;
        var actions = await Moto.ActionsDuringAsync(async () =>
            error = await Assert.ThrowsAsync<PreflightException>(() => Moto.UpdateAsync("web", new() { [HttpServiceNames.SshKeyName] = "nobody-key" })));

        Assert.Equal(["DescribeStacks", "DescribeKeyPairs"], actions);
        Assert.Equal(PreflightCheck.KeyPair, error!.Check);
        var stack = await Moto.StackAsync("web");
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
    }

    [Fact]
    public async Task An_update_of_a_stack_StackKit_did_not_create_is_refused_as_such_before_any_check()
    {
        await Moto.AwsAsync("cloudformation", "create-stack", "--stack-name", "foreign",
            "--template-body", "file://" + RepositoryFiles.PathOf("templates", "http-service.json"));

        var actions = await Moto.ActionsDuringAsync(() =>
            Assert.ThrowsAsync<StackNotManagedException>(() => Moto.UpdateAsync("foreign", new() { [HttpServiceNames.SshKeyName] = "nobody-key" })));

        Assert.Equal(["DescribeStacks"], actions);
    }

    [Fact]
    public async Task An_update_checks_a_new_instance_type_against_the_AMI_the_stack_keeps()
    {
        await Moto.CreateAsync(new() { [HttpServiceNames.AmiId] = X86Ami }, "web");

        var error = await Assert.ThrowsAsync<PreflightException>(() => Moto.UpdateAsync("web", new() { [HttpServiceNames.InstanceType] = "t4g.micro" }));

        Assert.Contains($"AMI {X86Ami} is built for x86_64, but instance type t4g.micro", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_image_off_loopback_cannot_be_reached_from_the_tests_so_it_warns_and_the_deploy_goes_on()
    {
        var stack = await Moto.CreateAsync([]);

        Assert.Equal("CREATE_COMPLETE", stack.Status.ToString());
        var warning = Assert.Single(Moto.Warnings);
        Assert.Equal(PreflightCheck.DockerImage, warning.Check);
        Assert.StartsWith($"Could not check Docker image '{ReleaseImage.Reference}': ghcr.io could not be reached", warning.Message, StringComparison.Ordinal);
    }
}
