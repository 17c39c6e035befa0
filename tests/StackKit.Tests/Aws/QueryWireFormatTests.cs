using System.Text.Json;
using System.Xml.Linq;
using StackKit.Aws;
using StackKit.Aws.CloudFormation;
using StackKit.Stacks;
using StackKit.Tests.FakeAws;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Aws;

/// <summary>What goes on the wire matches botocore's models, and the fake's answers are real enough for the aws CLI.</summary>
public sealed class QueryWireFormatTests
{
    [Fact]
    public async Task CreateStack_is_a_signed_form_post_with_Query_list_encoding()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On("CreateStack", new ScriptedEvent(TimeSpan.Zero, "svc", ScriptedEvent.StackType, "CREATE_COMPLETE"));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        await clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).CreateAsync(new CreateStackRequest
        {
            StackName = "svc",
            TemplateBody = "Resources: {}",
            Parameters = new Dictionary<string, string> { ["AmiId"] = "ami-1", ["DockerImage"] = "web:1 & more" },
            Tags = new Dictionary<string, string> { ["team"] = "web" },
            Capabilities = ["CAPABILITY_IAM"],
        }));

        var create = endpoint.Requests.First(r => r.Action == "CreateStack");
        Assert.Equal(("cloudformation", "us-east-1"), (create.Service, create.Region));
        Assert.Equal("2010-05-15", create["Version"]);
        Assert.Equal("svc", create["StackName"]);
        Assert.Equal("Resources: {}", create["TemplateBody"]);
        Assert.Equal("AmiId", create["Parameters.member.1.ParameterKey"]);
        Assert.Equal("ami-1", create["Parameters.member.1.ParameterValue"]);
        Assert.Equal("DockerImage", create["Parameters.member.2.ParameterKey"]);
        Assert.Equal("web:1 & more", create["Parameters.member.2.ParameterValue"]);
        Assert.Equal("CAPABILITY_IAM", create["Capabilities.member.1"]);
        Assert.Equal("ROLLBACK", create["OnFailure"]);
        var tags = new[] { 1, 2 }.ToDictionary(i => create[$"Tags.member.{i}.Key"]!, i => create[$"Tags.member.{i}.Value"]);
        Assert.Equal("web", tags["team"]);
        Assert.Equal(StackKitTags.ManagedByValue, tags[StackKitTags.ManagedBy]);
    }

    [Fact]
    public async Task Update_keeps_the_template_and_every_parameter_not_named()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On("UpdateStack", new ScriptedEvent(TimeSpan.FromSeconds(1), "svc", ScriptedEvent.StackType, "UPDATE_COMPLETE"));
        stack.Parameters["AmiId"] = "ami-1";
        stack.Parameters["SshKeyName"] = "ops";
        stack.Parameters["DockerImage"] = "web:1";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var result = await clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).UpdateAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:2" } }));

        Assert.Equal(StackUpdateOutcome.Updated, result.Outcome);
        var update = endpoint.Requests.Single(r => r.Action == "UpdateStack");
        Assert.Equal("true", update["UsePreviousTemplate"]);
        Assert.Null(update["TemplateBody"]);
        var sent = new[] { 1, 2, 3 }.ToDictionary(
            i => update[$"Parameters.member.{i}.ParameterKey"]!,
            i => update[$"Parameters.member.{i}.UsePreviousValue"] == "true" ? "(previous)" : update[$"Parameters.member.{i}.ParameterValue"]);
        Assert.Equal(new Dictionary<string, string?> { ["AmiId"] = "(previous)", ["SshKeyName"] = "(previous)", ["DockerImage"] = "web:2" }, sent);
    }

    [Fact]
    public async Task The_aws_CLI_parses_the_fake_endpoint_answers()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing("UPDATE_ROLLBACK_COMPLETE");
        stack.Parameters["DockerImage"] = "web:1";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);

        var (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "describe-stack-events", "--stack-name", "svc");
        Assert.True(exitCode == 0, stderr);
        var events = JsonDocument.Parse(stdout).RootElement.GetProperty("StackEvents");
        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", events[0].GetProperty("ResourceStatus").GetString());
        Assert.Equal("User Initiated", events[1].GetProperty("ResourceStatusReason").GetString());

        (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "describe-stacks", "--stack-name", "svc");
        Assert.True(exitCode == 0, stderr);
        var described = JsonDocument.Parse(stdout).RootElement.GetProperty("Stacks")[0];
        Assert.Equal(stack.Id, described.GetProperty("StackId").GetString());
        Assert.Equal("web:1", described.GetProperty("Parameters")[0].GetProperty("ParameterValue").GetString());

        (exitCode, _, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "describe-stacks", "--stack-name", "other");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("(ValidationError)", stderr, StringComparison.Ordinal);
        Assert.Contains("Stack with id other does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_aws_CLI_parses_the_fake_scaling_activities_and_console_output()
    {
        var clock = new SteppingClock();
        var instances = new InstanceScript(clock, "svc-group")
            .FailedLaunch(clock.GetUtcNow().AddSeconds(-20), "The key pair 'ops' does not exist.")
            .SuccessfulLaunch(clock.GetUtcNow().AddSeconds(-10), "i-0123456789abcdef0");
        instances.Consoles["i-0123456789abcdef0"] = "[   36.4] cloud-init[1621]: stackkit: FAILED at step 5/7: pulling image web:1 (exit code 1)\n";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, instances.Respond);

        var (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(
            endpoint.Url, "autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "svc-group", "--include-deleted-groups");
        Assert.True(exitCode == 0, stderr);
        var activities = JsonDocument.Parse(stdout).RootElement.GetProperty("Activities");
        Assert.Equal("Launching a new EC2 instance: i-0123456789abcdef0", activities[0].GetProperty("Description").GetString());
        Assert.Equal("Failed", activities[1].GetProperty("StatusCode").GetString());
        Assert.Equal("The key pair 'ops' does not exist. Launching EC2 instance failed.", activities[1].GetProperty("StatusMessage").GetString());

        (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "ec2", "get-console-output", "--instance-id", "i-0123456789abcdef0", "--latest");
        Assert.True(exitCode == 0, stderr);
        var console = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("i-0123456789abcdef0", console.GetProperty("InstanceId").GetString());
        Assert.Equal(instances.Consoles["i-0123456789abcdef0"], console.GetProperty("Output").GetString());

        (exitCode, _, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "ec2", "get-console-output", "--instance-id", "bogus");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("(InvalidInstanceID.Malformed)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_lists_flatten_to_numbered_members()
    {
        var request = new QueryRequest("DescribeAutoScalingGroups")
            .AddList("AutoScalingGroupNames", ["a", "b c"])
            .Add("NextToken", null);

        Assert.Equal("Action=DescribeAutoScalingGroups&Version=2011-01-01&AutoScalingGroupNames.member.1=a&AutoScalingGroupNames.member.2=b%20c", request.ToFormBody("2011-01-01"));
    }

    [Fact]
    public void Stack_events_parse_timestamps_as_UTC_and_keep_missing_fields_null()
    {
        var member = XElement.Parse("""
            <member xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <StackId>arn:stack/svc/1</StackId><EventId>e1</EventId><StackName>svc</StackName>
              <LogicalResourceId>Vpc</LogicalResourceId><ResourceType>AWS::EC2::VPC</ResourceType>
              <Timestamp>2026-11-26T09:15:02.123Z</Timestamp><ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus>
            </member>
            """);

        var parsed = StackEvent.FromXml(member);

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 15, 2, 123, TimeSpan.Zero), parsed.Timestamp);
        Assert.Null(parsed.PhysicalResourceId);
        Assert.Null(parsed.ResourceStatusReason);
        Assert.False(parsed.IsAboutStack);
    }
}
