using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using StackKit.Stacks;
using StackKit.Tests.FakeAws;

namespace StackKit.Tests.Aws;

/// <summary>Every parameter StackKit sends exists, with that spelling and list encoding, in botocore's service models.</summary>
public sealed class BotocoreModelTests
{
    [Fact]
    public async Task Every_request_parameter_follows_the_botocore_input_shapes()
    {
        var requests = await RecordEveryOperationAsync();

        Assert.Equal(
            ["CreateStack", "DeleteStack", "DescribeAutoScalingGroups", "DescribeInstanceHealth", "DescribeScalingActivities", "DescribeStackEvents",
             "DescribeStackResources", "DescribeStacks", "DescribeTargetHealth", "GetConsoleOutput", "UpdateStack", "ValidateTemplate"],
            requests.Select(r => r.Action).Distinct().Order());
        AssertFollowsModels(requests);
    }

    /// <summary>Every form key of every request resolves in its service's botocore input shape.</summary>
    internal static void AssertFollowsModels(IEnumerable<FakeAwsRequest> requests)
    {
        var models = new Dictionary<string, JsonElement>();
        foreach (var request in requests)
        {
            var folder = (request.Service, request["Version"]) switch
            {
                ("elasticloadbalancing", "2015-12-01") => "elbv2",
                ("elasticloadbalancing", _) => "elb",
                (var service, _) => service,
            };
            if (!models.TryGetValue(folder, out var model))
            {
                model = models[folder] = LoadModel(folder);
            }
            Assert.Equal(model.GetProperty("metadata").GetProperty("apiVersion").GetString(), request["Version"]);
            var shapes = model.GetProperty("shapes");
            var input = model.GetProperty("operations").GetProperty(request.Action).GetProperty("input").GetProperty("shape").GetString()!;
            foreach (var key in request.Form.Keys.Where(k => k is not "Action" and not "Version"))
            {
                Assert.True(Resolves(shapes, input, key.Split('.')), $"{request.Action}: '{key}' is not in botocore's {folder} model.");
            }
        }
    }

    /// <summary>Walks a Query key (<c>Tags.member.1.Key</c>) through structure members and non-flattened lists.</summary>
    private static bool Resolves(JsonElement shapes, string shapeName, ReadOnlySpan<string> parts)
    {
        if (parts.IsEmpty)
        {
            return true;
        }
        var shape = shapes.GetProperty(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                return shape.GetProperty("members").TryGetProperty(parts[0], out var member)
                    && Resolves(shapes, member.GetProperty("shape").GetString()!, parts[1..]);
            case "list":
                return parts.Length >= 2 && parts[0] == "member" && int.TryParse(parts[1], out var index) && index >= 1
                    && Resolves(shapes, shape.GetProperty("member").GetProperty("shape").GetString()!, parts[2..]);
            default:
                return false;
        }
    }

    internal static JsonElement LoadModel(string service)
    {
        var data = Path.Combine(BotocoreFolder(), "data", service);
        var version = Directory.GetDirectories(data).Order().Last();
        var plain = Path.Combine(version, "service-2.json");
        using var stream = File.Exists(plain)
            ? File.OpenRead(plain)
            : (Stream)new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    private static string BotocoreFolder()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var folder = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        return folder;
    }

    private static async Task<IReadOnlyList<FakeAwsRequest>> RecordEveryOperationAsync()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("svc", clock)
            .On("CreateStack", new ScriptedEvent(TimeSpan.FromSeconds(1), "svc", ScriptedEvent.StackType, "CREATE_COMPLETE"))
            .On("UpdateStack", new ScriptedEvent(TimeSpan.FromSeconds(1), "svc", ScriptedEvent.StackType, "UPDATE_COMPLETE"))
            .On("DeleteStack", new ScriptedEvent(TimeSpan.FromSeconds(1), "svc", ScriptedEvent.StackType, "DELETE_COMPLETE"));
        stack.Resources.Add(("Group", "AWS::AutoScaling::AutoScalingGroup", "svc-Group-1", "CREATE_COMPLETE", null));
        stack.Fallback = request => request.Action switch
        {
            "DescribeAutoScalingGroups" => FakeAwsResponse.Result(request, FakeAwsResponse.Members("AutoScalingGroups",
            [
                new object[]
                {
                    new XElement("AutoScalingGroupName", "svc-Group-1"), new XElement("MinSize", 1), new XElement("MaxSize", 2), new XElement("DesiredCapacity", 1),
                    FakeAwsResponse.Members("LoadBalancerNames", ["svc-lb"]), FakeAwsResponse.Members("TargetGroupARNs", ["arn:tg"]),
                },
            ])),
            "ValidateTemplate" or "DescribeInstanceHealth" or "DescribeTargetHealth" => FakeAwsResponse.Result(request),
            _ => FakeAwsResponse.Error(request, 400, "InvalidAction", request.Action),
        };
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);
        var lifecycle = new StackLifecycle(aws, clock, new Random(1));

        await lifecycle.ValidateTemplateAsync("{}");
        await clock.RunAsync(lifecycle.CreateAsync(new CreateStackRequest
        {
            StackName = "svc",
            TemplateBody = "{}",
            Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:1", ["AmiId"] = "ami-1" },
            Tags = new Dictionary<string, string> { ["team"] = "web" },
            Capabilities = ["CAPABILITY_IAM"],
        }));
        await clock.RunAsync(lifecycle.UpdateAsync(new UpdateStackRequest { StackName = "svc", TemplateBody = "{}", Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:2" } }));
        await clock.RunAsync(lifecycle.UpdateAsync(new UpdateStackRequest { StackName = "svc", Parameters = new Dictionary<string, string> { ["DockerImage"] = "web:3" } }));
        await lifecycle.GetAsync("svc");
        await lifecycle.ListAsync();
        await clock.RunAsync(lifecycle.DeleteAsync("svc"));
        return [.. endpoint.Requests, .. await RecordInstanceSideAsync()];
    }

    /// <summary>A create whose instance fails to boot: scaling activities, then the instance's console.</summary>
    internal static async Task<IReadOnlyList<FakeAwsRequest>> RecordInstanceSideAsync()
    {
        var clock = new SteppingClock();
        var stack = new StackScript("boot", clock).On(
            "CreateStack",
            new ScriptedEvent(TimeSpan.Zero, "boot", ScriptedEvent.StackType, "CREATE_IN_PROGRESS"),
            new ScriptedEvent(TimeSpan.FromSeconds(1), "Group", "AWS::AutoScaling::AutoScalingGroup", "CREATE_IN_PROGRESS"),
            new ScriptedEvent(TimeSpan.FromSeconds(60), "Group", "AWS::AutoScaling::AutoScalingGroup", "CREATE_IN_PROGRESS", "Received FAILURE signal with UniqueId i-0123456789abcdef0"));
        var instances = new InstanceScript(clock, "group-0001");
        instances.SuccessfulLaunch(clock.GetUtcNow().AddSeconds(5), "i-0123456789abcdef0");
        instances.Consoles["i-0123456789abcdef0"] = "stackkit: FAILED at step 1/1: booting (exit code 1)";
        stack.Fallback = instances.Respond;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(clock, stack.Respond);
        using var aws = endpoint.Connect(clock);

        await Assert.ThrowsAsync<StackOperationException>(() => clock.RunAsync(
            new StackLifecycle(aws, clock, new Random(1)).CreateAsync(new CreateStackRequest { StackName = "boot", TemplateBody = "{}" })));
        return endpoint.Requests;
    }
}
