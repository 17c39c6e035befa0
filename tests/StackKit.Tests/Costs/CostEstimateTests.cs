using System.Xml.Linq;
using StackKit.Costs;
using StackKit.Tests.Aws;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Tests.FakeAws;
using StackKit.Tests.HttpService;
using StackKit.Templates;

namespace StackKit.Tests.Costs;

/// <summary>
/// The monthly estimate on the scripted fake's Price List (GetProducts in AWS's response shape): each line is the
/// fake's price times the quantity this test states, at 1 and 5 servers, for the default and the full-options
/// template; a missing price is named and left out; prices are cached on disk for a day; an update's preview shows
/// the difference when the instance type changes.
/// </summary>
public sealed class CostEstimateTests : IDisposable
{
    private const decimal Hours = 730;

    private static readonly HttpServiceOptions FullOptions = new()
    {
        CertificateArn = TemplateVariants.Certificate,
        DomainName = "api.example.com",
        HostedZoneId = "Z0123456789ABCDEFGHIJ",
        NotificationEmail = "ops@example.com",
        CpuScaling = true,
        KeyApproval = true,
        ImageRepository = true,
    };

    private readonly SteppingClock _clock = new();
    private readonly PriceListScript _prices = new();
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), "stackkit-prices-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cacheDirectory))
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task The_default_template_costs_the_sum_of_the_fake_s_prices_line_by_line_at_1_and_5_servers()
    {
        await using var endpoint = await PricedEndpointAsync();
        using var aws = endpoint.Connect(_clock);

        var estimate = await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());

        decimal Price(string service, string usage) => _prices.PriceOf(service, usage);
        decimal Classic(string usage) => _prices.PriceOf("AWSELB", usage, "Load Balancer");
        (string, decimal, decimal)[] expected =
        [
            ("EC2 instances (t3.micro, Linux, on demand)", Price("AmazonEC2", "BoxUsage:t3.micro") * Hours * 1, Price("AmazonEC2", "BoxUsage:t3.micro") * Hours * 5),
            ("EBS volumes (gp3)", Price("AmazonEC2", "EBS:VolumeUsage.gp3") * 30 * 1, Price("AmazonEC2", "EBS:VolumeUsage.gp3") * 30 * 5),
            ("Classic Load Balancer", Classic("LoadBalancerUsage") * Hours, Classic("LoadBalancerUsage") * Hours),
            ("Classic Load Balancer data processed", Classic("DataProcessing-Bytes") * 10, Classic("DataProcessing-Bytes") * 10),
            ("Public IPv4 addresses", Price("AmazonVPC", "PublicIPv4:InUseAddress") * Hours * 3, Price("AmazonVPC", "PublicIPv4:InUseAddress") * Hours * 7),
            // Unhealthy hosts, backend 5XX, and the request rule's scale-out and scale-in alarms.
            ("CloudWatch alarms", Price("AmazonCloudWatch", "CW:AlarmMonitorUsage") * 4, Price("AmazonCloudWatch", "CW:AlarmMonitorUsage") * 4),
            ("CloudWatch Logs ingestion", Price("AmazonCloudWatch", "DataProcessing-Bytes") * 1, Price("AmazonCloudWatch", "DataProcessing-Bytes") * 5),
            ("CloudWatch Logs storage", Price("AmazonCloudWatch", "TimedStorage-ByteHrs") * 14 / 30, Price("AmazonCloudWatch", "TimedStorage-ByteHrs") * 5 * 14 / 30),
            ("Key table reads (DynamoDB on demand)", Price("AmazonDynamoDB", "ReadRequestUnits") * 262_800, Price("AmazonDynamoDB", "ReadRequestUnits") * 262_800 * 5),
            ("Key table writes (DynamoDB on demand)", Price("AmazonDynamoDB", "WriteRequestUnits") * 100, Price("AmazonDynamoDB", "WriteRequestUnits") * 100),
            ("SSH key audit (Lambda, DynamoDB Streams)", 0, 0),
        ];

        AssertLines(expected, estimate);
        Assert.Equal((1, 1, 5, "us-east-1"), (estimate.MinServers, estimate.CurrentServers, estimate.MaxServers, estimate.Region));
        Assert.True(estimate.IsComplete);
        Assert.Equal(expected.Sum(line => line.Item2), estimate.TotalAtMinServers);
        Assert.Equal(expected.Sum(line => line.Item3), estimate.TotalAtMaxServers);
        Assert.All(estimate.Lines, line => Assert.False(string.IsNullOrWhiteSpace(line.Assumption)));
        // A few calls: one GetProducts per distinct filter set (the load balancer's hours and data share one, as do the key table's reads and writes).
        Assert.Equal(8, endpoint.JsonRequests.Count);
        Assert.All(endpoint.JsonRequests, request => Assert.Equal(("AWSPriceListService.GetProducts", "pricing", "us-east-1"), (request.Target, request.SigningService, request.SigningRegion)));
        Assert.Empty(endpoint.Requests);
        AssertFollowsPricingModel(endpoint.JsonRequests);
    }

    /// <summary>Each GetProducts body has only members of botocore's pricing model, TERM_MATCH filters, and a MaxResults in range; the service's identity is the model's.</summary>
    private static void AssertFollowsPricingModel(IEnumerable<FakeJsonRequest> requests)
    {
        var model = BotocoreModelTests.LoadModel("pricing");
        var metadata = model.GetProperty("metadata");
        Assert.Equal(
            (metadata.GetProperty("serviceId").GetString(), metadata.GetProperty("endpointPrefix").GetString(), metadata.GetProperty("signingName").GetString(), metadata.GetProperty("targetPrefix").GetString(), metadata.GetProperty("apiVersion").GetString()),
            (StackKit.Aws.AwsService.Pricing.ServiceId, StackKit.Aws.AwsService.Pricing.EndpointPrefix, StackKit.Aws.AwsService.Pricing.SigningName, StackKit.Aws.AwsService.Pricing.TargetPrefix, StackKit.Aws.AwsService.Pricing.ApiVersion));
        var shapes = model.GetProperty("shapes");
        var input = shapes.GetProperty("GetProductsRequest").GetProperty("members");
        var filter = shapes.GetProperty("Filter").GetProperty("members");
        var types = shapes.GetProperty("FilterType").GetProperty("enum").EnumerateArray().Select(t => t.GetString()).ToList();
        var maxResults = shapes.GetProperty(input.GetProperty("MaxResults").GetProperty("shape").GetString()!).GetProperty("max").GetInt32();
        foreach (var request in requests)
        {
            Assert.All(request.Body.EnumerateObject(), member => Assert.True(input.TryGetProperty(member.Name, out _), $"GetProducts: '{member.Name}' is not in botocore's pricing model."));
            Assert.InRange(request.Body.GetProperty("MaxResults").GetInt32(), 1, maxResults);
            foreach (var term in request.Body.GetProperty("Filters").EnumerateArray())
            {
                Assert.All(term.EnumerateObject(), member => Assert.True(filter.TryGetProperty(member.Name, out _), $"Filter: '{member.Name}' is not in botocore's pricing model."));
                Assert.Contains(term.GetProperty("Type").GetString(), types);
            }
        }
    }

    [Fact]
    public async Task The_full_options_template_adds_its_load_balancer_alarms_topic_and_record_line_by_line_at_1_and_5_servers()
    {
        await using var endpoint = await PricedEndpointAsync();
        using var aws = endpoint.Connect(_clock);

        var estimate = await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest { Template = FullOptions, InstanceType = "m5.large" });

        decimal Price(string service, string usage) => _prices.PriceOf(service, usage);
        decimal Alb(string usage) => _prices.PriceOf("AWSELB", usage, "Load Balancer-Application");
        (string, decimal, decimal)[] expected =
        [
            ("EC2 instances (m5.large, Linux, on demand)", Price("AmazonEC2", "BoxUsage:m5.large") * Hours * 1, Price("AmazonEC2", "BoxUsage:m5.large") * Hours * 5),
            ("EBS volumes (gp3)", Price("AmazonEC2", "EBS:VolumeUsage.gp3") * 30 * 1, Price("AmazonEC2", "EBS:VolumeUsage.gp3") * 30 * 5),
            ("Application Load Balancer", Alb("LoadBalancerUsage") * Hours, Alb("LoadBalancerUsage") * Hours),
            ("Application Load Balancer capacity units", Alb("LCUUsage") * 10, Alb("LCUUsage") * 10),
            ("Public IPv4 addresses", Price("AmazonVPC", "PublicIPv4:InUseAddress") * Hours * 3, Price("AmazonVPC", "PublicIPv4:InUseAddress") * Hours * 7),
            // The same four and the refused-password alarm: the e-mail address adds a topic (failed launches notify through
            // the group) and, with central logs, the alarm on the servers' 429 lines.
            ("CloudWatch alarms", Price("AmazonCloudWatch", "CW:AlarmMonitorUsage") * 5, Price("AmazonCloudWatch", "CW:AlarmMonitorUsage") * 5),
            ("CloudWatch Logs ingestion", Price("AmazonCloudWatch", "DataProcessing-Bytes") * 1, Price("AmazonCloudWatch", "DataProcessing-Bytes") * 5),
            ("CloudWatch Logs storage", Price("AmazonCloudWatch", "TimedStorage-ByteHrs") * 14 / 30, Price("AmazonCloudWatch", "TimedStorage-ByteHrs") * 5 * 14 / 30),
            ("Key table reads (DynamoDB on demand)", Price("AmazonDynamoDB", "ReadRequestUnits") * 262_800, Price("AmazonDynamoDB", "ReadRequestUnits") * 262_800 * 5),
            ("Key table writes (DynamoDB on demand)", Price("AmazonDynamoDB", "WriteRequestUnits") * 100, Price("AmazonDynamoDB", "WriteRequestUnits") * 100),
            ("SSH key audit (Lambda, DynamoDB Streams)", 0, 0),
            ("SNS e-mail notifications", Price("AmazonSNS", "DeliveryAttempts-SMTP") * 100, Price("AmazonSNS", "DeliveryAttempts-SMTP") * 100),
            ("Route 53 alias record", 0, 0),
        ];

        AssertLines(expected, estimate);
        Assert.True(estimate.IsComplete);
        Assert.Equal(expected.Sum(line => line.Item3), estimate.TotalAtMaxServers);
        Assert.Contains("target tracking", estimate.Lines.Single(l => l.Item == "CloudWatch alarms").Assumption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_price_is_named_and_left_out_never_guessed()
    {
        _prices.Products.RemoveAll(p => p.Attributes["usagetype"] == "EBS:VolumeUsage.gp3");
        await using var endpoint = await PricedEndpointAsync();
        using var aws = endpoint.Connect(_clock);

        var estimate = await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());

        var volumes = estimate.Lines.Single(l => l.Item == "EBS volumes (gp3)");
        Assert.Equal((null, null, null), (volumes.UnitPriceUsd, volumes.AtMinServers, volumes.AtMaxServers));
        var missing = Assert.Single(estimate.MissingPrices);
        Assert.StartsWith("EBS volumes (gp3): no on-demand price for AmazonEC2 productFamily=Storage, volumeApiName=gp3, regionCode=us-east-1", missing, StringComparison.Ordinal);
        Assert.False(estimate.IsComplete);
        Assert.Equal(estimate.Lines.Where(l => l != volumes).Sum(l => l.AtMinServers!.Value), estimate.TotalAtMinServers);
        Assert.Contains("without EBS volumes (gp3)", estimate.ToString(), StringComparison.Ordinal);
        Assert.Contains("EBS volumes (gp3): price missing / price missing / price missing", volumes.ToString(), StringComparison.Ordinal);

        // An empty answer is not kept: the next estimate asks for that price again, and only for it.
        var calls = endpoint.JsonRequests.Count;
        await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());
        Assert.Equal(calls + 1, endpoint.JsonRequests.Count);
    }

    [Fact]
    public async Task A_refused_Price_List_call_names_what_is_missing_and_why()
    {
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, r => FakeAwsResponse.Error(r, 400, "InvalidAction", r.Action));
        endpoint.RespondJson = _ => (400, """{"__type":"AccessDeniedException","Message":"User is not authorized to perform: pricing:GetProducts"}""");
        using var aws = endpoint.Connect(_clock);

        var estimate = await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());

        // Every line but the SSH key audit's, which asks for no price (free).
        Assert.Equal(estimate.Lines.Count - 1, estimate.MissingPrices.Count);
        Assert.DoesNotContain(estimate.MissingPrices, missing => missing.Contains("SSH key audit", StringComparison.Ordinal));
        Assert.All(estimate.MissingPrices, missing => Assert.Contains("AccessDeniedException: User is not authorized to perform: pricing:GetProducts", missing, StringComparison.Ordinal));
        Assert.Equal(0m, estimate.TotalAtMaxServers);
        // Refused once, asked no more: one call (and its retries, none for an access denial), not one per price.
        Assert.Single(endpoint.JsonRequests);
        // Nothing cached from a refusal: the next estimate asks again.
        Assert.False(Directory.Exists(_cacheDirectory) && Directory.EnumerateFiles(_cacheDirectory).Any());
    }

    [Fact]
    public async Task A_second_estimate_within_a_day_makes_no_call_and_one_after_a_day_reads_again()
    {
        await using var endpoint = await PricedEndpointAsync();
        using var aws = endpoint.Connect(_clock);
        var first = await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());
        var calls = endpoint.JsonRequests.Count;

        _clock.Advance(TimeSpan.FromHours(23));
        var second = await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());

        Assert.Equal(calls, endpoint.JsonRequests.Count);
        Assert.Equal(first.Lines, second.Lines);
        Assert.InRange(Directory.EnumerateFiles(_cacheDirectory, "*.json").Count(), 1, calls);

        _clock.Advance(TimeSpan.FromHours(2));
        await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());
        Assert.Equal(2 * calls, endpoint.JsonRequests.Count);
    }

    [Fact]
    public async Task A_cached_answer_dated_in_the_future_is_asked_again()
    {
        await using var endpoint = await PricedEndpointAsync();
        using var aws = endpoint.Connect(_clock);
        await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());
        var calls = endpoint.JsonRequests.Count;
        foreach (var file in Directory.EnumerateFiles(_cacheDirectory, "*.json"))
        {
            File.SetLastWriteTimeUtc(file, _clock.GetUtcNow().UtcDateTime.AddDays(30));
        }

        await Stacks(aws).EstimateCostAsync(new HttpServiceStackRequest());

        Assert.Equal(2 * calls, endpoint.JsonRequests.Count);
    }

    [Fact]
    public async Task The_update_preview_shows_the_cost_difference_when_the_instance_type_changes()
    {
        var stack = ExistingStack(TemplateWriter.ToJson(HttpServiceTemplate.Build()));
        const string changeSetId = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackkit-preview-1/0f0e0d0c";
        var readOnly = stack.Fallback;
        stack.Fallback = request => request.Action switch
        {
            "CreateChangeSet" => FakeAwsResponse.Result(request, new XElement("Id", changeSetId), new XElement("StackId", stack.Id)),
            "DescribeChangeSet" => FakeAwsResponse.Result(request,
                new XElement("ChangeSetId", changeSetId), new XElement("Status", "CREATE_COMPLETE"), new XElement("ExecutionStatus", "AVAILABLE"),
                FakeAwsResponse.Members("Changes", [new object[]
                {
                    new XElement("Type", "Resource"),
                    new XElement("ResourceChange", new XElement("Action", "Modify"), new XElement("LogicalResourceId", "LaunchTemplate"),
                        new XElement("ResourceType", "AWS::EC2::LaunchTemplate"), new XElement("Replacement", "False"), FakeAwsResponse.Members("Scope", ["Properties"])),
                }])),
            "DeleteChangeSet" => FakeAwsResponse.Result(request),
            _ => readOnly(request),
        };
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        endpoint.RespondJson = _prices.Respond;
        using var aws = endpoint.Connect(_clock);

        var preview = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { InstanceType = "m5.large" }));

        Assert.Equal(("t3.micro", "m5.large"), (preview.CostBefore?.InstanceType, preview.Cost?.InstanceType));
        Assert.Equal((1, 2, 5), (preview.Cost!.MinServers, preview.Cost.CurrentServers, preview.Cost.MaxServers));
        var perServer = (_prices.PriceOf("AmazonEC2", "BoxUsage:m5.large") - _prices.PriceOf("AmazonEC2", "BoxUsage:t3.micro")) * Hours;
        Assert.Equal(perServer * 2, preview.Cost.TotalAtCurrentServers - preview.CostBefore!.TotalAtCurrentServers);
        Assert.Equal(perServer * 5, preview.Cost.TotalAtMaxServers - preview.CostBefore.TotalAtMaxServers);
        Assert.Equal(
            $"Cost a month: {Usd(preview.CostBefore.TotalAtMinServers)} -> {Usd(preview.Cost.TotalAtMinServers)} (+{Usd(perServer)}) at 1 server, " +
            $"{Usd(preview.CostBefore.TotalAtCurrentServers)} -> {Usd(preview.Cost.TotalAtCurrentServers)} (+{Usd(perServer * 2)}) at 2 servers now, " +
            $"{Usd(preview.CostBefore.TotalAtMaxServers)} -> {Usd(preview.Cost.TotalAtMaxServers)} (+{Usd(perServer * 5)}) at 5 servers",
            preview.CostChange);
        // Both estimates share their prices: each distinct request once.
        Assert.Equal(9, endpoint.JsonRequests.Count);

        // An update that changes neither the instance type nor an option costs no price call.
        var calls = endpoint.JsonRequests.Count;
        var imageOnly = await _clock.RunAsync(Stacks(aws).PreviewUpdateAsync("svc", new HttpServiceStackUpdate { DockerImage = "nginx:1.27" }));
        Assert.Null(imageOnly.Cost);
        Assert.Equal(calls, endpoint.JsonRequests.Count);
    }

    [Fact]
    public async Task A_stack_whose_template_does_not_name_its_options_is_refused_with_what_to_do_instead()
    {
        var stack = ExistingStack(templateBody: "{\"Resources\": {}}");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        endpoint.RespondJson = _prices.Respond;
        using var aws = endpoint.Connect(_clock);

        var refused = await Assert.ThrowsAsync<StackException>(() => _clock.RunAsync(Stacks(aws).EstimateStackCostAsync("svc")));

        Assert.StartsWith("StackKit cannot estimate the cost of stack 'svc': its template does not say which options it was built with", refused.Message, StringComparison.Ordinal);
        Assert.Contains("New-HttpServiceStack ... -WhatIf", refused.Message, StringComparison.Ordinal);
        Assert.Empty(endpoint.JsonRequests);
    }

    [Fact]
    public async Task A_stack_s_estimate_prices_its_instance_type_at_its_group_s_fewest_current_and_most_servers()
    {
        var stack = ExistingStack(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Application })));
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_clock, stack.Respond);
        endpoint.RespondJson = _prices.Respond;
        using var aws = endpoint.Connect(_clock);

        var estimate = await _clock.RunAsync(Stacks(aws).EstimateStackCostAsync("svc"));

        Assert.Equal(("svc", "t3.micro", 1, 2, 5), (estimate.StackName, estimate.InstanceType, estimate.MinServers, estimate.CurrentServers, estimate.MaxServers));
        var instances = estimate.Lines[0];
        Assert.Equal(_prices.PriceOf("AmazonEC2", "BoxUsage:t3.micro") * Hours * 2, instances.AtCurrentServers);
        Assert.Contains(estimate.Lines, line => line.Item == "Application Load Balancer");
        Assert.Equal(["DescribeStacks", "GetTemplate", "DescribeAutoScalingGroups"], endpoint.Requests.Select(r => r.Action));
    }

    /// <summary>A StackKit stack on t3.micro whose group runs 2 of 1 to 5 servers, and whose template is <paramref name="templateBody"/>.</summary>
    private StackScript ExistingStack(string templateBody)
    {
        var stack = new StackScript("svc", _clock).Existing();
        stack.Parameters["InstanceType"] = "t3.micro";
        stack.Parameters["DockerImage"] = "ghcr.io/stackkit/http-service:0.1.0";
        stack.Outputs["AutoScalingGroupName"] = "svc-Group-1A2B";
        stack.Fallback = request => request.Action switch
        {
            "GetTemplate" => FakeAwsResponse.Result(request, new XElement("TemplateBody", templateBody)),
            "DescribeAutoScalingGroups" => FakeAwsResponse.Result(request, FakeAwsResponse.Members("AutoScalingGroups",
            [
                new object[] { new XElement("AutoScalingGroupName", "svc-Group-1A2B"), new XElement("MinSize", 1), new XElement("MaxSize", 5), new XElement("DesiredCapacity", 2),
                    FakeAwsResponse.Members("Instances", []), FakeAwsResponse.Members("LoadBalancerNames", []), FakeAwsResponse.Members("TargetGroupARNs", []) },
            ])),
            _ => FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action),
        };
        return stack;
    }

    private static string Usd(decimal amount) => "$" + amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertLines((string Item, decimal AtOne, decimal AtFive)[] expected, CostEstimate estimate) =>
        Assert.Equal(expected, estimate.Lines.Select(line => (line.Item, line.AtMinServers!.Value, line.AtMaxServers!.Value)));

    private async Task<FakeAwsEndpoint> PricedEndpointAsync()
    {
        var endpoint = await FakeAwsEndpoint.StartAsync(_clock, r => FakeAwsResponse.Error(r, 400, "InvalidAction", r.Action));
        endpoint.RespondJson = _prices.Respond;
        return endpoint;
    }

    private HttpServiceStacks Stacks(AwsConnection aws) => new(new StackLifecycle(aws, _clock, new Random(1)), new PriceCache(_cacheDirectory, _clock));
}
