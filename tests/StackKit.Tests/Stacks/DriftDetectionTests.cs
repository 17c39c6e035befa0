using System.Text.Json;
using System.Xml.Linq;
using StackKit.Stacks;
using StackKit.Tests.Aws;
using StackKit.Tests.FakeAws;
using StackKit.Tests.Moto;

namespace StackKit.Tests.Stacks;

/// <summary>
/// Drift, which moto does not implement, on the scripted fake in CloudFormation's response shapes: detection names a
/// security group rule changed in the console, reports a failed detection as it is, refuses a busy stack and gives up a
/// detection that never ends; the update preview warns from the last detection without running one.
/// </summary>
public sealed class DriftDetectionTests
{
    private const string ChangeSetId = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackkit-preview-1/0f0e0d0c";

    private readonly SteppingClock _clock = new();

    [Fact]
    public async Task Detection_names_the_changed_security_group_rule_with_its_property_difference()
    {
        var (stack, drift) = Scripted();
        drift.Statuses.Clear();
        drift.Statuses.AddRange([("DETECTION_IN_PROGRESS", null, null), ("DETECTION_IN_PROGRESS", null, null), ("DETECTION_COMPLETE", "DRIFTED", null)]);
        drift.Resources.AddRange([ResourceDriftLine.WidenedSshRule, ResourceDriftLine.LoadBalancerInSync, ResourceDriftLine.AddedInstanceRule, ResourceDriftLine.DeletedLogGroup]);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock);

        var result = await _clock.RunAsync(Stacks(aws).DetectDriftAsync("svc"));

        Assert.Equal(StackDriftStatus.Drifted, result.Status);
        Assert.Equal(drift.CheckedAt, result.CheckedAt);
        Assert.Null(result.DetectionFailure);
        Assert.Equal(
        [
            "InstanceSecurityGroup (AWS::EC2::SecurityGroup) MODIFIED: /SecurityGroupIngress/1: added {\"CidrIp\":\"0.0.0.0/0\",\"FromPort\":8080,\"IpProtocol\":\"tcp\",\"ToPort\":8080}",
            "LogGroup (AWS::Logs::LogGroup) DELETED",
            "SshIngress (AWS::EC2::SecurityGroupIngress) MODIFIED: /CidrIp: 203.0.113.7/32 -> 0.0.0.0/0",
        ],
            result.Resources.Select(r => r.ToString()));
        var rule = Assert.Single(result.Resources, r => r.LogicalId == "SshIngress").PropertyDifferences.Single();
        Assert.Equal(new PropertyDifference("/CidrIp", "203.0.113.7/32", "0.0.0.0/0", PropertyDifferenceType.NotEqual), rule);
        Assert.Equal("sgr-0a1b2c3d4e5f60718", result.Resources.Single(r => r.LogicalId == "SshIngress").PhysicalId);
        Assert.Equal("svc: DRIFTED (InstanceSecurityGroup MODIFIED, LogGroup DELETED, SshIngress MODIFIED)", result.ToString());

        // A few calls: the stack, the start, a poll until done, and the results (two pages of two here).
        Assert.Equal(
            ["DescribeStacks", "DetectStackDrift", "DescribeStackDriftDetectionStatus", "DescribeStackDriftDetectionStatus", "DescribeStackDriftDetectionStatus",
             "DescribeStackResourceDrifts", "DescribeStackResourceDrifts"],
            endpoint.Requests.Select(r => r.Action));
        var filters = endpoint.Requests.First(r => r.Action == "DescribeStackResourceDrifts").Form
            .Where(f => f.Key.StartsWith("StackResourceDriftStatusFilters.", StringComparison.Ordinal)).Select(f => f.Value);
        Assert.Equal(["MODIFIED", "DELETED", "UNKNOWN", "UNSUPPORTED"], filters);
        Assert.Equal(stack.Id, endpoint.Requests.Single(r => r.Action == "DetectStackDrift")["StackName"]);
        BotocoreModelTests.AssertFollowsModels(endpoint.Requests);
    }

    [Fact]
    public async Task A_failed_detection_says_why_and_still_lists_what_it_checked()
    {
        var (stack, drift) = Scripted();
        drift.Statuses.Clear();
        drift.Statuses.Add(("DETECTION_FAILED", "DRIFTED", "Failed to detect drift on resource [LogGroup]: Internal Failure"));
        drift.Resources.AddRange([
            ResourceDriftLine.WidenedSshRule,
            ResourceDriftLine.DeletedLogGroup with { Status = "UNKNOWN", Reason = "Internal Failure" },
        ]);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock);

        var result = await _clock.RunAsync(Stacks(aws).DetectDriftAsync("svc"));

        Assert.Equal("Failed to detect drift on resource [LogGroup]: Internal Failure", result.DetectionFailure);
        Assert.Equal(
            ["SshIngress (AWS::EC2::SecurityGroupIngress) MODIFIED: /CidrIp: 203.0.113.7/32 -> 0.0.0.0/0", "LogGroup (AWS::Logs::LogGroup) UNKNOWN: Internal Failure"],
            result.Resources.Select(r => r.ToString()));
        Assert.Equal(["SshIngress"], result.Drifted.Select(r => r.LogicalId));
        Assert.EndsWith("; detection failed: Failed to detect drift on resource [LogGroup]: Internal Failure", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_stack_is_refused_before_detection_and_a_detection_that_never_ends_is_given_up()
    {
        var (stack, drift) = Scripted("UPDATE_IN_PROGRESS");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock);

        var busy = await Assert.ThrowsAsync<StackException>(() => _clock.RunAsync(Stacks(aws).DetectDriftAsync("svc")));
        Assert.Contains("is UPDATE_IN_PROGRESS", busy.Message, StringComparison.Ordinal);
        Assert.Contains("Get-HttpServiceStack svc -Wait", busy.Message, StringComparison.Ordinal);
        Assert.Equal(0, endpoint.Count("DetectStackDrift"));

        (stack, drift) = Scripted();
        drift.Statuses.Clear();
        drift.Statuses.Add(("DETECTION_IN_PROGRESS", null, null));
        endpoint.Respond = stack.Respond;
        var started = _clock.GetUtcNow();
        var slow = await Assert.ThrowsAsync<StackException>(() => _clock.RunAsync(Stacks(aws).DetectDriftAsync("svc")));

        Assert.Contains($"--stack-drift-detection-id {DriftScript.DetectionId}", slow.Message, StringComparison.Ordinal);
        Assert.InRange(_clock.GetUtcNow() - started, DriftDetection.Timeout, DriftDetection.Timeout + TimeSpan.FromSeconds(5));
        // Bounded: the polling schedule's 4.25 s steady pace, never a tight loop.
        Assert.InRange(endpoint.Count("DescribeStackDriftDetectionStatus"), 120, 165);
    }

    [Fact]
    public async Task The_update_preview_warns_from_the_last_detection_naming_what_the_update_changes_and_what_it_leaves()
    {
        var (stack, drift) = Scripted();
        stack.Drift = ("DRIFTED", drift.CheckedAt);
        drift.PageSize = 100;
        drift.Resources.AddRange([ResourceDriftLine.WidenedSshRule, ResourceDriftLine.AddedInstanceRule, ResourceDriftLine.DeletedLogGroup]);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock);

        var preview = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { SshCidr = "198.51.100.0/24" }));

        Assert.Equal(StackDriftStatus.Drifted, preview.Drift?.Status);
        Assert.Equal(
            "Stack 'svc' has drifted at the last detection, 2026-12-07 01:00 UTC: resources were changed outside StackKit. " +
            "This update changes SshIngress (AWS::EC2::SecurityGroupIngress, MODIFIED: /CidrIp: 203.0.113.7/32 -> 0.0.0.0/0); " +
            "CloudFormation sets them from the template and may revert those manual changes. " +
            "This update leaves InstanceSecurityGroup (AWS::EC2::SecurityGroup, MODIFIED), LogGroup (AWS::Logs::LogGroup, DELETED) as they are; " +
            "the next update that changes them may revert their manual changes. " +
            "Detect drift again for the present state: Get-HttpServiceStack svc -Drift (C#: DetectDriftAsync).",
            preview.DriftWarning);
        // The preview reads the last result: one call to name the resources, no detection.
        Assert.Equal(0, endpoint.Count("DetectStackDrift"));
        Assert.Equal(1, endpoint.Count("DescribeStackResourceDrifts"));
        BotocoreModelTests.AssertFollowsModels(endpoint.Requests);

        // A deleted resource the update changes makes it fail, and the warning says so.
        drift.Resources.Remove(ResourceDriftLine.WidenedSshRule);
        drift.Resources.Add(ResourceDriftLine.DeletedLogGroup with { LogicalId = "SshIngress", Type = "AWS::EC2::SecurityGroupIngress" });
        preview = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { SshCidr = "198.51.100.0/24" }));
        Assert.Contains("This update changes SshIngress (AWS::EC2::SecurityGroupIngress, DELETED), deleted outside CloudFormation: the update fails there and rolls back.",
            preview.DriftWarning, StringComparison.Ordinal);

        // A caller who may not read the resource drifts still gets the preview, and the warning says what it could not read.
        var stackRespond = stack.Respond;
        endpoint.Respond = request => request.Action == "DescribeStackResourceDrifts"
            ? FakeAwsResponse.Error(request, 403, "AccessDenied", "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cloudformation:DescribeStackResourceDrifts")
            : stackRespond(request);
        preview = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { SshCidr = "198.51.100.0/24" }));
        Assert.Equal("Modify SshIngress (AWS::EC2::SecurityGroupIngress), replaced", Assert.Single(preview.Changes).ToString());
        Assert.Contains("has drifted at the last detection, 2026-12-07 01:00 UTC: resources were changed outside StackKit. StackKit could not read which resources drifted: ",
            preview.DriftWarning, StringComparison.Ordinal);
        Assert.Contains("not authorized to perform: cloudformation:DescribeStackResourceDrifts", preview.DriftWarning, StringComparison.Ordinal);
        Assert.EndsWith("Detect drift again for the present state: Get-HttpServiceStack svc -Drift (C#: DetectDriftAsync).", preview.DriftWarning, StringComparison.Ordinal);
        endpoint.Respond = stackRespond;

        // In sync, or never checked (moto's answer has no DriftInformation): no warning and no drift call.
        stack.Drift = ("IN_SYNC", drift.CheckedAt);
        preview = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { SshCidr = "198.51.100.0/24" }));
        Assert.Null(preview.DriftWarning);
        Assert.Equal(drift.CheckedAt, preview.Drift?.CheckedAt);
        stack.Drift = null;
        preview = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { SshCidr = "198.51.100.0/24" }));
        Assert.Equal((StackDriftStatus?)StackDriftStatus.NotChecked, preview.Drift?.Status);
        Assert.Null(preview.DriftWarning);
        Assert.Equal(3, endpoint.Count("DescribeStackResourceDrifts"));
    }

    [Fact]
    public async Task The_aws_CLI_reads_the_fake_drift_answers()
    {
        var (stack, drift) = Scripted();
        stack.Drift = ("DRIFTED", drift.CheckedAt);
        drift.Resources.AddRange([ResourceDriftLine.WidenedSshRule, ResourceDriftLine.LoadBalancerInSync, ResourceDriftLine.AddedInstanceRule, ResourceDriftLine.DeletedLogGroup]);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);

        var (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "detect-stack-drift", "--stack-name", "svc");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(DriftScript.DetectionId, JsonDocument.Parse(stdout).RootElement.GetProperty("StackDriftDetectionId").GetString());

        (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "describe-stack-drift-detection-status", "--stack-drift-detection-id", DriftScript.DetectionId);
        Assert.True(exitCode == 0, stderr);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(("DETECTION_COMPLETE", "DRIFTED", 3), (status.GetProperty("DetectionStatus").GetString(), status.GetProperty("StackDriftStatus").GetString(), status.GetProperty("DriftedStackResourceCount").GetInt32()));

        // botocore has no paginator for this operation: the CLI shows the NextToken, and the next page comes by asking.
        (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(
            endpoint.Url, "cloudformation", "describe-stack-resource-drifts", "--stack-name", "svc", "--stack-resource-drift-status-filters", "MODIFIED", "DELETED");
        Assert.True(exitCode == 0, stderr);
        var page = JsonDocument.Parse(stdout).RootElement;
        var drifts = page.GetProperty("StackResourceDrifts").EnumerateArray().ToList();
        (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(
            endpoint.Url, "cloudformation", "describe-stack-resource-drifts", "--stack-name", "svc", "--stack-resource-drift-status-filters", "MODIFIED", "DELETED",
            "--next-token", page.GetProperty("NextToken").GetString()!);
        Assert.True(exitCode == 0, stderr);
        drifts.AddRange(JsonDocument.Parse(stdout).RootElement.GetProperty("StackResourceDrifts").EnumerateArray());
        Assert.Equal(["SshIngress", "InstanceSecurityGroup", "LogGroup"], drifts.Select(d => d.GetProperty("LogicalResourceId").GetString()));
        Assert.Equal("DELETED", drifts[2].GetProperty("StackResourceDriftStatus").GetString());
        var difference = drifts[0].GetProperty("PropertyDifferences")[0];
        Assert.Equal(("/CidrIp", "203.0.113.7/32", "0.0.0.0/0", "NOT_EQUAL"),
            (difference.GetProperty("PropertyPath").GetString(), difference.GetProperty("ExpectedValue").GetString(), difference.GetProperty("ActualValue").GetString(), difference.GetProperty("DifferenceType").GetString()));
        Assert.Equal(2, endpoint.Count("DescribeStackResourceDrifts"));

        (exitCode, stdout, stderr) = await MotoServer.RunAwsCliAsync(endpoint.Url, "cloudformation", "describe-stacks", "--stack-name", "svc");
        Assert.True(exitCode == 0, stderr);
        var information = JsonDocument.Parse(stdout).RootElement.GetProperty("Stacks")[0].GetProperty("DriftInformation");
        Assert.Equal("DRIFTED", information.GetProperty("StackDriftStatus").GetString());
        Assert.Equal(drift.CheckedAt, information.GetProperty("LastCheckTimestamp").GetDateTimeOffset());
    }

    /// <summary>Drift detection and the preview's calls, as the caller-permissions page records them.</summary>
    internal static async Task<IReadOnlyList<(string Doing, FakeAwsRequest Request)>> RecordAsync()
    {
        var test = new DriftDetectionTests();
        var (stack, drift) = test.Scripted();
        stack.Drift = ("DRIFTED", drift.CheckedAt);
        drift.Resources.Add(ResourceDriftLine.WidenedSshRule);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(test._clock, stack.Respond);
        using var aws = endpoint.Connect(test._clock);
        await test._clock.RunAsync(test.Stacks(aws).DetectDriftAsync("svc"));
        var detection = endpoint.Requests.Count;
        await test._clock.RunAsync(test.Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { SshCidr = "198.51.100.0/24" }));
        return [.. endpoint.Requests.Select((request, index) => (index < detection ? "Get-HttpServiceStack -Drift" : "Update-HttpServiceStack -WhatIf", request))];
    }

    private HttpServiceStacks Stacks(AwsConnection aws) => new(new StackLifecycle(aws, _clock, new Random(1)));

    /// <summary>An existing StackKit stack whose drift calls <see cref="DriftScript"/> answers, and whose update previews change the SSH rule.</summary>
    private (StackScript Stack, DriftScript Drift) Scripted(string status = "CREATE_COMPLETE")
    {
        var stack = new StackScript("svc", _clock).Existing(status);
        stack.Parameters["SshCidr"] = "203.0.113.7/32";
        var drift = new DriftScript(stack);
        stack.Fallback = request => drift.Respond(request) ?? request.Action switch
        {
            "GetTemplate" => FakeAwsResponse.Result(request, new XElement("TemplateBody", "{\"Resources\": {}}")),
            "CreateChangeSet" => FakeAwsResponse.Result(request, new XElement("Id", ChangeSetId), new XElement("StackId", stack.Id)),
            "DescribeChangeSet" => FakeAwsResponse.Result(request,
                new XElement("ChangeSetId", ChangeSetId),
                new XElement("Status", "CREATE_COMPLETE"),
                new XElement("ExecutionStatus", "AVAILABLE"),
                FakeAwsResponse.Members("Changes", [new object[]
                {
                    new XElement("Type", "Resource"),
                    new XElement("ResourceChange",
                        new XElement("Action", "Modify"),
                        new XElement("LogicalResourceId", "SshIngress"),
                        new XElement("PhysicalResourceId", "sgr-0a1b2c3d4e5f60718"),
                        new XElement("ResourceType", "AWS::EC2::SecurityGroupIngress"),
                        new XElement("Replacement", "True"),
                        FakeAwsResponse.Members("Scope", ["Properties"])),
                }])),
            "DeleteChangeSet" => FakeAwsResponse.Result(request),
            _ => FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action),
        };
        return (stack, drift);
    }
}
