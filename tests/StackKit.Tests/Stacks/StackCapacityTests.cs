using System.Xml.Linq;
using StackKit.Stacks;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Stacks;

/// <summary>Get and list report live capacity: desired/min/max and each instance's health behind the load balancer.</summary>
public sealed class StackCapacityTests
{
    private static StackScript ServiceWithGroup(SteppingClock clock)
    {
        var stack = new StackScript("svc", clock).Existing();
        stack.Outputs["URL"] = "http://svc.example.test/";
        stack.Resources.Add(("Group", "AWS::AutoScaling::AutoScalingGroup", "svc-Group-1A2B", "CREATE_COMPLETE", null));
        stack.Resources.Add(("LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "svc-lb", "CREATE_COMPLETE", null));
        return stack;
    }

    private static XElement Group(string loadBalancers, string targetGroups) => FakeAwsResponse.Members("AutoScalingGroups",
    [
        new object[]
        {
            new XElement("AutoScalingGroupName", "svc-Group-1A2B"),
            new XElement("MinSize", 1), new XElement("MaxSize", 4), new XElement("DesiredCapacity", 2),
            FakeAwsResponse.Members("Instances",
            [
                new object[] { new XElement("InstanceId", "i-1"), new XElement("LifecycleState", "InService"), new XElement("HealthStatus", "Healthy") },
                new object[] { new XElement("InstanceId", "i-2"), new XElement("LifecycleState", "Pending"), new XElement("HealthStatus", "Healthy") },
            ]),
            FakeAwsResponse.Members("LoadBalancerNames", loadBalancers.Length == 0 ? [] : [loadBalancers]),
            FakeAwsResponse.Members("TargetGroupARNs", targetGroups.Length == 0 ? [] : [targetGroups]),
        },
    ]);

    [Fact]
    public async Task Get_joins_the_group_capacity_with_the_classic_load_balancer_view()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithGroup(clock);
        stack.Fallback = request => request.Action switch
        {
            "DescribeAutoScalingGroups" when request["AutoScalingGroupNames.member.1"] == "svc-Group-1A2B" => FakeAwsResponse.Result(request, Group("svc-lb", "")),
            "DescribeInstanceHealth" when request["LoadBalancerName"] == "svc-lb" => FakeAwsResponse.Result(request, FakeAwsResponse.Members("InstanceStates",
            [
                new object[] { new XElement("InstanceId", "i-1"), new XElement("State", "InService"), new XElement("ReasonCode", "N/A"), new XElement("Description", "N/A") },
                new object[] { new XElement("InstanceId", "i-2"), new XElement("State", "OutOfService"), new XElement("ReasonCode", "Instance"), new XElement("Description", "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.") },
            ])),
            _ => FakeAwsResponse.Error(request, 400, "ValidationError", "unexpected call"),
        };
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var info = await clock.RunAsync(new StackLifecycle(aws, clock).GetAsync("svc"));

        Assert.Equal("CREATE_COMPLETE", info.Status.ToString());
        Assert.Equal("http://svc.example.test/", info.Url?.OriginalString);
        Assert.Equal(("svc-Group-1A2B", 2, 1, 4), (info.Capacity!.AutoScalingGroupName, info.Capacity.DesiredCapacity, info.Capacity.MinSize, info.Capacity.MaxSize));
        Assert.Equal(
            [
                new InstanceHealth("i-1", InstanceLifecycleState.InService, InstanceHealthState.Healthy, InstanceHealthState.Healthy, null),
                new InstanceHealth("i-2", InstanceLifecycleState.Pending, InstanceHealthState.Healthy, InstanceHealthState.Unhealthy, "Instance: Instance has failed at least the UnhealthyThreshold number of health checks consecutively."),
            ],
            info.Capacity.Instances);
        Assert.Contains(endpoint.Requests, r => r.Action == "DescribeInstanceHealth" && r.Service == "elasticloadbalancing" && r["Version"] == "2012-06-01");
    }

    [Fact]
    public async Task Diagnose_adds_the_console_line_of_each_unhealthy_instance_and_why_launches_fail()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithGroup(clock);
        var instances = new InstanceScript(clock, "svc-Group-1A2B")
            .SuccessfulLaunch(clock.GetUtcNow().AddMinutes(-30), "i-1")
            .SuccessfulLaunch(clock.GetUtcNow().AddMinutes(-9), "i-2")
            .FailedLaunch(clock.GetUtcNow().AddMinutes(-1), "The key pair 'ops' does not exist.");
        instances.Consoles["i-2"] = "[ 36.4] cloud-init[1621]: stackkit: step 5/7: pulling image web:2\n[ 36.5] cloud-init[1621]: stackkit: FAILED at step 5/7: pulling image web:2 (exit code 1)\n";
        instances.Fallback = request => request.Action switch
        {
            "DescribeInstanceHealth" => FakeAwsResponse.Result(request, FakeAwsResponse.Members("InstanceStates",
            [
                new object[] { new XElement("InstanceId", "i-1"), new XElement("State", "InService"), new XElement("ReasonCode", "N/A"), new XElement("Description", "N/A") },
                new object[] { new XElement("InstanceId", "i-2"), new XElement("State", "OutOfService"), new XElement("ReasonCode", "Instance"), new XElement("Description", "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.") },
            ])),
            _ => FakeAwsResponse.Error(request, 400, "ValidationError", "unexpected call"),
        };
        stack.Fallback = instances.Respond;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, request =>
            // Three desired, two running: one launch is missing.
            request.Action == "DescribeAutoScalingGroups"
                ? FakeAwsResponse.Result(request, XElement.Parse(Group("svc-lb", "").ToString().Replace("<DesiredCapacity>2<", "<DesiredCapacity>3<", StringComparison.Ordinal)))
                : stack.Respond(request));
        using var aws = endpoint.Connect(clock);

        var info = await clock.RunAsync(new StackLifecycle(aws, clock).DiagnoseAsync("svc"));
        var plain = await clock.RunAsync(new StackLifecycle(aws, clock).GetAsync("svc"));

        Assert.Null(info.Capacity!.Instances[0].ConsoleLines);
        Assert.Equal("stackkit: FAILED at step 5/7: pulling image web:2 (exit code 1)", info.Capacity.Instances[1].ConsoleLines![^1]);
        Assert.Equal("The key pair 'ops' does not exist. Launching EC2 instance failed.", info.Capacity.LaunchFailure);
        Assert.Equal("i-2", endpoint.Requests.Single(r => r.Action == "GetConsoleOutput")["InstanceId"]);
        // A plain get reads neither.
        Assert.Null(plain.Capacity!.LaunchFailure);
        Assert.Equal(1, endpoint.Count("DescribeScalingActivities"));
    }

    [Fact]
    public async Task Get_reads_target_health_for_the_ALB_option()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithGroup(clock);
        const string targetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/svc/abc";
        stack.Fallback = request => request.Action switch
        {
            "DescribeAutoScalingGroups" => FakeAwsResponse.Result(request, Group("", targetGroup)),
            "DescribeTargetHealth" when request["TargetGroupArn"] == targetGroup => FakeAwsResponse.Result(request, FakeAwsResponse.Members("TargetHealthDescriptions",
            [
                new object[] { new XElement("Target", new XElement("Id", "i-1"), new XElement("Port", 80)), new XElement("TargetHealth", new XElement("State", "healthy")) },
                new object[] { new XElement("Target", new XElement("Id", "i-2"), new XElement("Port", 80)), new XElement("TargetHealth", new XElement("State", "initial"), new XElement("Reason", "Elb.RegistrationInProgress"), new XElement("Description", "Target registration is in progress")) },
            ])),
            _ => FakeAwsResponse.Error(request, 400, "ValidationError", "unexpected call"),
        };
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var info = await clock.RunAsync(new StackLifecycle(aws, clock).GetAsync("svc"));

        Assert.Equal([InstanceHealthState.Healthy, InstanceHealthState.Initializing], info.Capacity!.Instances.Select(i => i.LoadBalancerHealth));
        Assert.Equal("Elb.RegistrationInProgress: Target registration is in progress", info.Capacity.Instances[1].LoadBalancerReason);
        Assert.Contains(endpoint.Requests, r => r.Action == "DescribeTargetHealth" && r["Version"] == "2015-12-01");
    }

    [Fact]
    public async Task A_load_balancer_that_is_gone_leaves_the_load_balancer_state_unknown()
    {
        var clock = new SteppingClock();
        var stack = ServiceWithGroup(clock);
        stack.Fallback = request => request.Action switch
        {
            "DescribeAutoScalingGroups" => FakeAwsResponse.Result(request, Group("svc-lb", "")),
            "DescribeInstanceHealth" => FakeAwsResponse.Error(request, 400, "LoadBalancerNotFound", "There is no ACTIVE Load Balancer named 'svc-lb'"),
            _ => FakeAwsResponse.Error(request, 400, "ValidationError", "unexpected call"),
        };
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        var info = await clock.RunAsync(new StackLifecycle(aws, clock).GetAsync("svc"));

        Assert.Equal([("i-1", (InstanceHealthState?)null), ("i-2", null)], info.Capacity!.Instances.Select(i => (i.InstanceId, i.LoadBalancerHealth)));
        Assert.Equal(2, info.Capacity.DesiredCapacity);
    }
}
