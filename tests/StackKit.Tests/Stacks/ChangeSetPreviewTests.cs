using System.Xml.Linq;
using StackKit.Aws;
using StackKit.Stacks;
using StackKit.Tests.Aws;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Stacks;

/// <summary>
/// What moto cannot show of a preview: a change set that takes time, a cancel while waiting, a create whose answer never
/// came, pages, and "no changes". In every case the change set is deleted, and every call follows botocore's model.
/// </summary>
public sealed class ChangeSetPreviewTests
{
    private const string ChangeSetId = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackkit-preview-1/0f0e0d0c";

    private readonly SteppingClock _clock = new();

    [Fact]
    public async Task A_cancel_while_the_change_set_is_being_made_still_deletes_it()
    {
        using var cancel = new CancellationTokenSource();
        var stack = Stack(request => request.Action switch
        {
            "DescribeChangeSet" => Page(request, "CREATE_IN_PROGRESS"),
            _ => null,
        });
        var describes = 0;
        var respond = stack.Respond;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, request =>
        {
            if (request.Action == "DescribeChangeSet" && ++describes == 3)
            {
                cancel.Cancel();
            }
            return respond(request);
        });
        using var aws = endpoint.Connect(_clock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _clock.RunAsync(PreviewAsync(aws, cancel.Token)));

        var delete = Assert.Single(endpoint.Requests, r => r.Action == "DeleteChangeSet");
        Assert.Equal(ChangeSetId, delete["ChangeSetName"]);
        BotocoreModelTests.AssertFollowsModels(endpoint.Requests);
    }

    [Fact]
    public async Task A_cancel_before_the_set_is_made_waits_until_CloudFormation_lets_it_be_deleted()
    {
        using var cancel = new CancellationTokenSource();
        var deletes = 0;
        var stack = Stack(request => request.Action switch
        {
            "DescribeChangeSet" => Page(request, "CREATE_IN_PROGRESS"),
            // What CloudFormation answers to a delete of a change set it is still making: twice here, then it is made.
            "DeleteChangeSet" when ++deletes <= 2 => FakeAwsResponse.Error(request, 400, "InvalidChangeSetStatus", "Cannot delete ChangeSet in status CREATE_IN_PROGRESS"),
            _ => null,
        });
        var respond = stack.Respond;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, request =>
        {
            if (request.Action == "DescribeChangeSet")
            {
                cancel.Cancel();
            }
            return respond(request);
        });
        using var aws = endpoint.Connect(_clock);

        // The cancel, not a failed cleanup, is what the caller sees: the set was deleted on the third try.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _clock.RunAsync(PreviewAsync(aws, cancel.Token)));

        Assert.Equal(3, endpoint.Count("DeleteChangeSet"));
        Assert.All(endpoint.Requests.Where(r => r.Action == "DeleteChangeSet"), delete => Assert.Equal(ChangeSetId, delete["ChangeSetName"]));
        BotocoreModelTests.AssertFollowsModels(endpoint.Requests);
    }

    [Fact]
    public async Task A_create_retried_after_its_answer_was_lost_is_still_deleted()
    {
        var creates = 0;
        var stack = Stack(request => request.Action == "CreateChangeSet"
            ? ++creates == 1 ? FakeAwsResponse.Dropped : FakeAwsResponse.Error(request, 400, "AlreadyExistsException", "ChangeSet stackkit-preview-x already exists")
            : null);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock, maxAttempts: 2);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _clock.RunAsync(PreviewAsync(aws, default)));

        Assert.Equal("AlreadyExistsException", error.ErrorCode);
        var delete = Assert.Single(endpoint.Requests, r => r.Action == "DeleteChangeSet");
        Assert.StartsWith("stackkit-preview-", delete["ChangeSetName"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_whose_answer_never_came_is_deleted_by_its_name()
    {
        var stack = Stack(request => request.Action == "CreateChangeSet" ? FakeAwsResponse.Dropped : null);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _clock.RunAsync(PreviewAsync(aws, default)));

        Assert.Equal("ConnectionFailed", error.ErrorCode);
        var create = Assert.Single(endpoint.Requests, r => r.Action == "CreateChangeSet");
        var delete = Assert.Single(endpoint.Requests, r => r.Action == "DeleteChangeSet");
        Assert.StartsWith("stackkit-preview-", create["ChangeSetName"], StringComparison.Ordinal);
        Assert.Equal((create["ChangeSetName"], stack.Id), (delete["ChangeSetName"], delete["StackName"]));
    }

    [Fact]
    public async Task A_refused_create_deletes_nothing_and_a_failed_set_names_its_reason()
    {
        var refused = Stack(request => request.Action == "CreateChangeSet" ? FakeAwsResponse.Error(request, 400, "ValidationError", "Template format error") : null);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, refused.Respond);
        using var aws = endpoint.Connect(_clock);

        await Assert.ThrowsAsync<AwsServiceException>(() => _clock.RunAsync(PreviewAsync(aws, default)));
        Assert.Equal(0, endpoint.Count("DeleteChangeSet"));

        endpoint.Respond = Stack(request => request.Action == "DescribeChangeSet" ? Page(request, "FAILED", reason: "Parameter 'X' must be a number") : null).Respond;
        var failed = await Assert.ThrowsAsync<ChangeSetFailedException>(() => _clock.RunAsync(PreviewAsync(aws, default)));
        Assert.Contains("Parameter 'X' must be a number", failed.Message, StringComparison.Ordinal);
        Assert.Equal(1, endpoint.Count("DeleteChangeSet"));
    }

    [Fact]
    public async Task A_status_CloudFormation_adds_later_is_a_failure_that_names_it_and_the_set_is_deleted()
    {
        var unknown = Stack(request => request.Action == "DescribeChangeSet" ? Page(request, "CREATE_QUEUED") : null);
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, unknown.Respond);
        using var aws = endpoint.Connect(_clock);

        var failed = await Assert.ThrowsAsync<ChangeSetFailedException>(() => _clock.RunAsync(PreviewAsync(aws, default)));

        Assert.Equal("CloudFormation cannot preview the update of stack 'svc': CREATE_QUEUED", failed.Message);
        Assert.Equal(1, endpoint.Count("DescribeChangeSet"));
        Assert.Equal(1, endpoint.Count("DeleteChangeSet"));
    }

    [Fact]
    public async Task Every_page_is_read_after_the_set_is_ready_and_no_changes_is_an_empty_preview()
    {
        var describes = 0;
        var stack = Stack(request => request.Action switch
        {
            "DescribeChangeSet" when ++describes == 1 => Page(request, "CREATE_PENDING"),
            "DescribeChangeSet" when request["NextToken"] is null => Page(request, "CREATE_COMPLETE", null, "page-2",
                Change("Modify", "LaunchTemplate", "AWS::EC2::LaunchTemplate", "lt-0123", "False", "Properties.LaunchTemplateData", "DockerImage")),
            "DescribeChangeSet" => Page(request, "CREATE_COMPLETE", null, null,
                Change("Modify", "LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer", "svc-lb", "True", "Properties.Subnets", null)),
            _ => null,
        });
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        using var aws = endpoint.Connect(_clock);

        var preview = await _clock.RunAsync(PreviewAsync(aws, default));

        Assert.Equal(
            ["Modify LaunchTemplate (AWS::EC2::LaunchTemplate)", "Modify LoadBalancer (AWS::ElasticLoadBalancing::LoadBalancer), replaced"],
            preview.Changes.Select(c => c.ToString()));
        Assert.Equal(["Properties.LaunchTemplateData (DockerImage)"], preview.Changes[0].Causes);
        Assert.Equal("lt-0123", preview.Changes[0].PhysicalId);
        Assert.Equal(ChangeSetId, Assert.Single(endpoint.Requests, r => r.Action == "DeleteChangeSet")["ChangeSetName"]);
        var image = Assert.Single(preview.ParameterChanges);
        Assert.Equal("DockerImage: web:1 -> web:2", image.ToString());

        endpoint.Respond = Stack(request => request.Action == "DescribeChangeSet"
            ? Page(request, "FAILED", reason: "The submitted information didn't contain changes. Submit different information to create a change set.")
            : null).Respond;
        var empty = await _clock.RunAsync(PreviewAsync(aws, default, parameters: []));
        Assert.True(empty.IsEmpty);
        BotocoreModelTests.AssertFollowsModels(endpoint.Requests);
    }

    private Task<StackChangePreview> PreviewAsync(AwsConnection aws, CancellationToken cancellationToken, Dictionary<string, string>? parameters = null) =>
        new ChangeSetPreview(aws, _clock).PreviewAsync(
            new UpdateStackRequest { StackName = "svc", Parameters = parameters ?? new Dictionary<string, string> { ["DockerImage"] = "web:2" }, Capabilities = ["CAPABILITY_IAM"] },
            ["ServicePassword"],
            cancellationToken);

    /// <summary>An existing StackKit stack with two parameters; <paramref name="changeSets"/> answers the change-set calls it scripts.</summary>
    private StackScript Stack(Func<FakeAwsRequest, FakeAwsResponse?> changeSets)
    {
        var stack = new StackScript("svc", _clock).Existing();
        stack.Parameters["DockerImage"] = "web:1";
        stack.Parameters["ServicePassword"] = "****";
        stack.Fallback = request => changeSets(request) ?? request.Action switch
        {
            "GetTemplate" => FakeAwsResponse.Result(request, new XElement("TemplateBody", "{\"Resources\": {}}")),
            "CreateChangeSet" => FakeAwsResponse.Result(request, new XElement("Id", ChangeSetId), new XElement("StackId", stack.Id)),
            "DeleteChangeSet" => FakeAwsResponse.Result(request),
            _ => FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action),
        };
        return stack;
    }

    private static FakeAwsResponse Page(FakeAwsRequest request, string status, string? reason = null, string? next = null, params object[] changes) =>
        FakeAwsResponse.Result(request,
            new XElement("ChangeSetId", ChangeSetId),
            new XElement("Status", status),
            reason is null ? new XElement("ExecutionStatus", "AVAILABLE") : new XElement("StatusReason", reason),
            FakeAwsResponse.Members("Changes", changes),
            next is null ? new XElement("ChangeSetName", "stackkit-preview-1") : new XElement("NextToken", next));

    private static object[] Change(string action, string logicalId, string type, string physicalId, string replacement, string target, string? causingEntity) =>
    [
        new XElement("Type", "Resource"),
        new XElement("ResourceChange",
            new XElement("Action", action),
            new XElement("LogicalResourceId", logicalId),
            new XElement("PhysicalResourceId", physicalId),
            new XElement("ResourceType", type),
            new XElement("Replacement", replacement),
            FakeAwsResponse.Members("Scope", ["Properties"]),
            FakeAwsResponse.Members("Details",
            [
                new object[]
                {
                    new XElement("Target", new XElement("Attribute", target.Split('.')[0]), new XElement("Name", target.Split('.')[1]), new XElement("RequiresRecreation", "Never")),
                    new XElement("Evaluation", "Static"),
                    new XElement("ChangeSource", causingEntity is null ? "DirectModification" : "ParameterReference"),
                    causingEntity is null ? null! : new XElement("CausingEntity", causingEntity),
                },
            ])),
    ];
}
