using System.Text.Json;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Templates;
using StackKit.Tests.Moto;

namespace StackKit.Tests.HttpService;

/// <summary>
/// Updates that change template options (HTTPS, e-mail, allowed addresses, CPU scaling) on moto: the stack's template is
/// rebuilt from the options it was created with, parameters keep their values, and a stack whose options StackKit
/// cannot tell is refused with nothing sent.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class MotoOptionUpdateTests(MotoServer moto) : ServiceOnMoto(moto)
{
    [Fact]
    public async Task An_email_adds_the_topic_and_alarms_and_every_other_choice_stays()
    {
        await CreateAsync("web", new HttpServiceOptions { AllowedCidrs = ["203.0.113.0/24"] });

        var result = await Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "ops@example.com"), SkipPreflight = true });

        Assert.Equal(StackUpdateOutcome.Updated, result.Outcome);
        var template = await StackTemplateAsync("web");
        var subscription = Assert.Single(Properties(template, "AWS::SNS::Subscription"));
        Assert.Equal("ops@example.com", subscription.GetProperty("Endpoint").GetString());
        Assert.NotEmpty(Properties(template, "AWS::CloudWatch::Alarm"));
        // The option set at create time is still there: the template was rebuilt from the stack's own options.
        Assert.Equal(["203.0.113.0/24"], IngressCidrs(template, "LoadBalancerSecurityGroup", 80));
        Assert.Equal("registry.example.test/web:1", (await Service.GetAsync("web")).DockerImage);
    }

    [Fact]
    public async Task An_empty_email_removes_the_topic_and_turning_cpu_scaling_off_drops_its_parameter()
    {
        await CreateAsync("web", new HttpServiceOptions { NotificationEmail = "ops@example.com", CpuScaling = true });
        Assert.Contains("CpuTargetPercent", (await StackParametersAsync("web")).Keys);

        await Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Remove(o => o.NotificationEmail).Set(o => o.CpuScaling, false), SkipPreflight = true });

        var template = await StackTemplateAsync("web");
        Assert.Empty(Properties(template, "AWS::SNS::Topic"));
        Assert.DoesNotContain(Properties(template, "AWS::AutoScaling::ScalingPolicy"), p => p.TryGetProperty("TargetTrackingConfiguration", out _));
        Assert.False(template.GetProperty("Parameters").TryGetProperty("CpuTargetPercent", out _));
        Assert.Equal("registry.example.test/web:1", (await StackParametersAsync("web"))["DockerImage"]);
    }

    [Fact]
    public async Task The_preview_of_an_option_lists_what_it_adds_and_changes_nothing()
    {
        await CreateAsync("web", new HttpServiceOptions { RollbackAlarms = false });
        var before = await StackTemplateTextAsync("web");

        var preview = await Service.PreviewUpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "ops@example.com") });

        Assert.Contains(preview.Changes, c => (c.Action, c.ResourceType) == (ResourceChangeAction.Add, "AWS::SNS::Topic"));
        Assert.Contains(preview.Changes, c => (c.Action, c.ResourceType) == (ResourceChangeAction.Add, "AWS::CloudWatch::Alarm"));
        Assert.Equal(before, await StackTemplateTextAsync("web"));
        Assert.Equal(0, (await Moto.AwsJsonAsync("cloudformation", "list-change-sets", "--stack-name", "web")).GetProperty("Summaries").GetArrayLength());
    }

    [Fact]
    public async Task A_stack_whose_template_does_not_say_its_options_is_refused_and_nothing_is_sent()
    {
        var template = HttpServiceTemplate.Build();
        template.Metadata[OptionsMetadata.Key] = null;
        await new StackLifecycle(Aws, TimeProvider.System).CreateAsync(new CreateStackRequest
        {
            StackName = "by-hand",
            TemplateBody = TemplateWriter.ToJson(template),
            // Every value given: moto keeps only given values, and an update keeps each one (UsePreviousValue).
            Parameters = template.Parameters.ToDictionary(p => p.LogicalId, p => p.Default ?? "Str0ng-enough-for-tests"),
            Capabilities = ["CAPABILITY_IAM"],
        });
        var before = await StackTemplateTextAsync("by-hand");

        var refused = await Assert.ThrowsAsync<StackException>(() =>
            Service.UpdateAsync("by-hand", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "ops@example.com"), SkipPreflight = true }));

        Assert.Contains("StackKit::HttpServiceOptions", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StackTemplateTextAsync("by-hand"));
        // Parameters alone still change on such a stack: its template is kept.
        await Service.UpdateAsync("by-hand", new HttpServiceStackUpdate { DockerImage = "registry.example.test/web:2", SkipPreflight = true });
        Assert.Equal("registry.example.test/web:2", (await StackParametersAsync("by-hand"))["DockerImage"]);
    }

    [Fact]
    public async Task A_certificate_turns_on_https_where_the_stack_has_an_application_load_balancer()
    {
        await CreateAsync("web", new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Application });
        var certificate = (await Moto.AwsJsonAsync("acm", "request-certificate", "--domain-name", "service.example.com")).GetProperty("CertificateArn").GetString()!;

        var result = await Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.CertificateArn, certificate), SkipPreflight = true });

        var listener = Assert.Single(Properties(await StackTemplateAsync("web"), "AWS::ElasticLoadBalancingV2::Listener"), l => l.GetProperty("Port").GetInt32() == 443);
        Assert.Equal(certificate, listener.GetProperty("Certificates")[0].GetProperty("CertificateArn").GetString());
        Assert.StartsWith("https://", result.Stack.Url?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_for_a_classic_load_balancer_is_refused_with_the_way_forward_and_nothing_is_sent()
    {
        await CreateAsync("web", new HttpServiceOptions());
        var before = await StackTemplateTextAsync("web");

        var refused = await Assert.ThrowsAsync<StackException>(() =>
            Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.CertificateArn, TemplateVariants.Certificate), SkipPreflight = true }));

        Assert.Contains("classic load balancer", refused.Message, StringComparison.Ordinal);
        Assert.Contains("New-HttpServiceStack -CertificateArn", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StackTemplateTextAsync("web"));
    }

    [Fact]
    public async Task A_certificate_of_another_region_is_refused_before_any_stack_is_made_or_changed()
    {
        const string elsewhere = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
        await CreateAsync("web", new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Application });
        var before = await StackTemplateTextAsync("web");

        var create = await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync("other", new HttpServiceOptions { CertificateArn = elsewhere }));
        var update = await Assert.ThrowsAsync<ArgumentException>(() =>
            Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.CertificateArn, elsewhere), SkipPreflight = true }));

        Assert.All([create, update], refused => Assert.Contains($"a certificate of eu-west-1, but the stack is in {Aws.Region.SystemName}", refused.Message, StringComparison.Ordinal));
        Assert.Equal(["web"], (await Service.ListAsync()).Select(stack => stack.Name));
        Assert.Equal(before, await StackTemplateTextAsync("web"));
    }

    [Fact]
    public async Task Options_that_do_not_fit_together_are_refused_before_any_call_that_changes()
    {
        await CreateAsync("web", new HttpServiceOptions());
        var before = await StackTemplateTextAsync("web");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            Service.UpdateAsync("web", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.DomainName, "api.example.com").Set(o => o.HostedZoneId, "Z0123456789ABCDEFGHIJ"), SkipPreflight = true }));

        Assert.Contains("CertificateArn", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StackTemplateTextAsync("web"));
    }

    private Task<HttpServiceStack> CreateAsync(string name, HttpServiceOptions options) => Service.CreateAsync(new HttpServiceStackRequest
    {
        StackName = name,
        Template = options,
        DockerImage = "registry.example.test/web:1",
        SkipPreflight = true,
    });

    private async Task<string> StackTemplateTextAsync(string name) =>
        (await Moto.AwsJsonAsync("cloudformation", "get-template", "--stack-name", name)).GetProperty("TemplateBody").GetRawText();

    private async Task<JsonElement> StackTemplateAsync(string name)
    {
        var body = (await Moto.AwsJsonAsync("cloudformation", "get-template", "--stack-name", name)).GetProperty("TemplateBody");
        // The CLI gives a JSON template as an object and other text as a string.
        return body.ValueKind == JsonValueKind.String ? JsonDocument.Parse(body.GetString()!).RootElement.Clone() : body;
    }

    private async Task<Dictionary<string, string>> StackParametersAsync(string name) =>
        (await Moto.AwsJsonAsync("cloudformation", "describe-stacks", "--stack-name", name)).GetProperty("Stacks")[0].GetProperty("Parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("ParameterKey").GetString()!, p => p.GetProperty("ParameterValue").GetString()!);

    private static List<JsonElement> Properties(JsonElement template, string type) =>
        template.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => r.Value.TryGetProperty("Properties", out var properties) ? properties : default)
            .ToList();

    private static List<string> IngressCidrs(JsonElement template, string groupId, int port) =>
        template.GetProperty("Resources").GetProperty(groupId).GetProperty("Properties").GetProperty("SecurityGroupIngress")
            .EnumerateArray()
            .Where(rule => rule.GetProperty("FromPort").GetInt32() == port)
            .Select(rule => rule.GetProperty("CidrIp").GetString()!)
            .ToList();
}
