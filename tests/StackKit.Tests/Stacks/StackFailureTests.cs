using StackKit.Stacks;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Stacks;

/// <summary>Failed operations explain themselves: root cause, the state left behind, and what to do.</summary>
public sealed class StackFailureTests
{
    private static ScriptedEvent At(double seconds, string logicalId, string type, string status, string? reason = null) =>
        new(TimeSpan.FromSeconds(seconds), logicalId, type, status, reason);

    [Fact]
    public async Task A_failed_create_names_the_earliest_failed_resource_not_just_ROLLBACK_COMPLETE()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On(
            "CreateStack",
            At(0, "svc", ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"),
            At(3, "SecurityGroup", "AWS::EC2::SecurityGroup", "CREATE_IN_PROGRESS"),
            At(4, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "CREATE_IN_PROGRESS"),
            At(30, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "CREATE_FAILED", "The image id '[ami-0bad]' does not exist"),
            At(31, "SecurityGroup", "AWS::EC2::SecurityGroup", "CREATE_FAILED", "Resource creation cancelled"),
            At(32, "svc", ScriptedEvent.StackType, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [LaunchTemplate, SecurityGroup]. Rollback requested by user."),
            At(40, "SecurityGroup", "AWS::EC2::SecurityGroup", "DELETE_COMPLETE"),
            At(41, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "DELETE_COMPLETE"),
            At(45, "svc", ScriptedEvent.StackType, "ROLLBACK_COMPLETE"));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(
            new StackLifecycle(aws, clock, new Random(1)).CreateAsync(new CreateStackRequest { StackName = "svc", TemplateBody = "{}" })));

        Assert.Equal("ROLLBACK_COMPLETE", failure.StackStatus.ToString());
        Assert.Equal(new FailedResource("LaunchTemplate", "AWS::EC2::LaunchTemplate", ResourceStatus.CreateFailed, "The image id '[ami-0bad]' does not exist"), failure.RootCause);
        Assert.Contains("delete stack 'svc'", failure.NextStep, StringComparison.Ordinal);
        Assert.Contains("ami-0bad", failure.Message, StringComparison.Ordinal);
        Assert.Equal(stack.Id, failure.StackId);
        // The stack is left for inspection, as documented: StackKit sent no delete of its own.
        Assert.Equal(0, endpoint.Count("DeleteStack"));
    }

    [Fact]
    public async Task A_create_that_deletes_itself_on_failure_says_nothing_is_left_to_clean_up()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).On(
            "CreateStack",
            At(0, "svc", ScriptedEvent.StackType, "CREATE_IN_PROGRESS", "User Initiated"),
            At(5, "Group", "AWS::AutoScaling::AutoScalingGroup", "CREATE_FAILED", "You have requested more instances (3) than your current instance limit of 2 allows"),
            At(6, "svc", ScriptedEvent.StackType, "DELETE_IN_PROGRESS"),
            At(9, "svc", ScriptedEvent.StackType, "DELETE_COMPLETE"));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).CreateAsync(
            new CreateStackRequest { StackName = "svc", TemplateBody = "{}", OnFailure = StackFailureAction.Delete })));

        Assert.Equal("DELETE", endpoint.Requests.Single(r => r.Action == "CreateStack")["OnFailure"]);
        Assert.Equal("DELETE_COMPLETE", failure.StackStatus.ToString());
        Assert.Equal("Group", failure.RootCause?.LogicalResourceId);
        Assert.Contains("nothing is left to clean up", failure.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_update_rolls_back_and_reports_why()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "UpdateStack",
            At(0, "svc", ScriptedEvent.StackType, "UPDATE_IN_PROGRESS", "User Initiated"),
            At(10, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "UPDATE_FAILED", "Invalid image 'web:nope'"),
            At(11, "svc", ScriptedEvent.StackType, "UPDATE_ROLLBACK_IN_PROGRESS"),
            At(30, "svc", ScriptedEvent.StackType, "UPDATE_ROLLBACK_COMPLETE"));
        stack.Parameters["DockerImage"] = "web:1";
        stack.Parameters["AmiId"] = "ami-1";
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        var progress = new RecordingProgress<StackProgress>(clock);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).UpdateAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:nope" } }, progress)));

        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", failure.StackStatus.ToString());
        Assert.Equal("Invalid image 'web:nope'", failure.RootCause?.Reason);
        Assert.Contains("previous configuration", failure.NextStep, StringComparison.Ordinal);
        // Only the update's events are reported, not the stack's creation from before.
        Assert.Equal("UPDATE_IN_PROGRESS", progress.Reports[0].Value.Status.Value);
        Assert.Equal(4, progress.Reports.Count);
    }

    [Fact]
    public async Task DELETE_FAILED_lists_the_resources_that_blocked_the_delete()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "DeleteStack",
            At(0, "svc", ScriptedEvent.StackType, "DELETE_IN_PROGRESS", "User Initiated"),
            At(20, "Logs", "AWS::S3::Bucket", "DELETE_FAILED", "The bucket you tried to delete is not empty"),
            At(21, "Vpc", "AWS::EC2::VPC", "DELETE_FAILED", "The vpc 'vpc-1' has dependencies and cannot be deleted."),
            At(22, "svc", ScriptedEvent.StackType, "DELETE_FAILED", "The following resource(s) failed to delete: [Logs, Vpc]."));
        stack.Resources.Add(("Logs", "AWS::S3::Bucket", "svc-logs", "DELETE_FAILED", "The bucket you tried to delete is not empty"));
        stack.Resources.Add(("Vpc", "AWS::EC2::VPC", "vpc-1", "DELETE_FAILED", "The vpc 'vpc-1' has dependencies and cannot be deleted."));
        stack.Resources.Add(("Subnet", "AWS::EC2::Subnet", "subnet-1", "DELETE_COMPLETE", null));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var failure = await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).DeleteAsync("svc")));

        Assert.Equal("DELETE_FAILED", failure.StackStatus.ToString());
        Assert.Equal(["Logs", "Vpc"], failure.BlockingResources.Select(r => r.LogicalResourceId));
        Assert.Equal("Logs", failure.RootCause?.LogicalResourceId);
        Assert.Contains("not empty", failure.Message, StringComparison.Ordinal);
        Assert.Contains("has dependencies", failure.Message, StringComparison.Ordinal);
        Assert.Equal(stack.Id, endpoint.Requests.Single(r => r.Action == "DeleteStack")["StackName"]);
    }

    [Fact]
    public async Task A_delete_waits_for_DELETE_COMPLETE_and_follows_the_stack_by_id()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock).Existing().On(
            "DeleteStack",
            At(0, "svc", ScriptedEvent.StackType, "DELETE_IN_PROGRESS", "User Initiated"),
            At(40, "Vpc", "AWS::EC2::VPC", "DELETE_COMPLETE"),
            At(41, "svc", ScriptedEvent.StackType, "DELETE_COMPLETE"));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var deleted = await clock.RunAsync(new StackLifecycle(aws, clock, new Random(1)).DeleteAsync("svc"));

        Assert.Equal(new StackDeleteResult(StackDeleteOutcome.Deleted, "svc", stack.Id, "us-east-1"), deleted);
        Assert.InRange(clock.GetUtcNow() - stack.TimeOf("DELETE_COMPLETE"), TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.All(endpoint.Requests.Where(r => r.Action == "DescribeStackEvents"), r => Assert.Equal(stack.Id, r["StackName"]));
        // A delete is not looked at from the instances' side.
        Assert.DoesNotContain(endpoint.Requests, r => r.Action is "DescribeScalingActivities" or "GetConsoleOutput");
    }
}
