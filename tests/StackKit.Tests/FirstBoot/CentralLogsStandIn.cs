using System.Text.Json.Nodes;
using Amazon.Runtime;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.TestSupport;

namespace StackKit.Tests.FirstBoot;

/// <summary>
/// The stack's central log group for a rehearsal, where the instance's Docker sends the container's lines: a StackKit
/// stack holding the template's own <c>LogGroup</c> (its properties as written, named as <see cref="RenderedUserData"/>
/// names it for the user data) on a moto_server of this machine's loopback, which outlives the instance, so the test
/// reads the group afterwards as <c>Get-HttpServiceLog</c> does (<see cref="Service"/>). The instance reaches it only
/// as <see cref="Host"/>: the rehearsal's TLS front there (StandIns/central-logs.sh) relays to a Unix socket in its
/// state folder that <see cref="Relay"/> serves.
/// </summary>
internal sealed class CentralLogsStandIn(MotoProcess moto, AwsConnection aws, string region, string groupName) : IAsyncDisposable
{
    public string Region => region;

    public string GroupName => groupName;

    /// <summary>CloudWatch Logs' endpoint in the region: where the AWS SDK, and so Docker's awslogs driver, sends its calls by default.</summary>
    public string Host => $"logs.{Region}.amazonaws.com";

    /// <summary>The facade on the stack's AWS, with moto's test keys.</summary>
    public HttpServiceStacks Service => new(aws);

    /// <summary>Starts moto and creates <paramref name="stackName"/> with the log group of <paramref name="templateJson"/> in <paramref name="region"/>.</summary>
    public static async Task<CentralLogsStandIn> StartAsync(string templateJson, string stackName, string region)
    {
        var template = JsonNode.Parse(templateJson)!;
        var group = template["Resources"]![CentralLogs.LogGroupLogicalId]!.DeepClone();
        Assert.Equal("AWS::Logs::LogGroup", group["Type"]!.GetValue<string>());
        // CloudFormation names the group stack-LogGroup-SUFFIX, moto otherwise: named here, both agree with the user data.
        var name = RenderedUserData.PhysicalId(stackName, CentralLogs.LogGroupLogicalId);
        group["Properties"]!["LogGroupName"] = name;
        var stackTemplate = new JsonObject
        {
            ["Parameters"] = new JsonObject { [CentralLogs.RetentionParameter] = template["Parameters"]![CentralLogs.RetentionParameter]!.DeepClone() },
            ["Resources"] = new JsonObject { [CentralLogs.LogGroupLogicalId] = group },
        };

        var started = await MotoProcess.StartAsync();
        var connection = AwsConnection.Create(new AwsClientOptions
        {
            Region = region,
            EndpointUrl = started.Endpoint,
            Credentials = new BasicAWSCredentials(MotoProcess.AccessKey, MotoProcess.SecretKey),
        });
        var standIn = new CentralLogsStandIn(started, connection, region, name);
        try
        {
            await new StackLifecycle(connection).CreateAsync(new CreateStackRequest { StackName = stackName, TemplateBody = stackTemplate.ToJsonString() });
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves the Unix socket at <paramref name="path"/> with moto, until disposed.</summary>
    public UnixSocketRelay Relay(string path) => new(path, moto.Endpoint.Port);

    public async ValueTask DisposeAsync()
    {
        aws.Dispose();
        await moto.DisposeAsync();
    }
}
