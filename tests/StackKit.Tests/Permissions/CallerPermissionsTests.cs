using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using StackKit.HttpService;
using StackKit.Tests.Aws;
using StackKit.Tests.HttpService;
using StackKit.Tests.Moto;
using StackKit.Tests.Stacks;
using StackKit.Tests.Templates;

namespace StackKit.Tests.Permissions;

/// <summary>
/// docs/permissions.md, the rights a StackKit user needs, is derived, not kept by hand: what StackKit itself calls
/// (every operation of the facade run on moto, through a handler that records each signed call, and the failure
/// diagnosis the scripted fake plays), plus what CloudFormation's handlers call for every resource type of every
/// template variant (docs/permissions/cloudformation-handlers.json, from the types' published registry schemas).
/// </summary>
[Collection(UsesMoto.Name)]
public sealed partial class CallerPermissionsTests(MotoServer moto)
{
    private const string DocPath = "docs/permissions.md";
    private const string DataPath = "docs/permissions/cloudformation-handlers.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_documented_rights_are_what_StackKit_and_CloudFormation_call()
    {
        var generated = Render(await StackKitCallsAsync(), TemplateTypes(), JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(DataPath))).RootElement);
        var path = RepositoryFiles.PathOf(DocPath);
        if (Environment.GetEnvironmentVariable("STACKKIT_REGENERATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.ReadAllText(path) == generated,
            $"{DocPath} differs from what StackKit and its templates need. If the change is intended, run this test with STACKKIT_REGENERATE_DOCS=1 and commit the file.");
    }

    /// <summary>Every resource type of every template variant, with the variants it appears in.</summary>
    private static SortedDictionary<string, SortedSet<string>> TemplateTypes()
    {
        var types = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (variant, options) in TemplateVariants.All)
        {
            foreach (var resource in HttpServiceTemplate.Build(options).Resources)
            {
                (types.TryGetValue(resource.Type, out var variants) ? variants : types[resource.Type] = new(StringComparer.Ordinal)).Add(variant);
            }
        }
        return types;
    }

    /// <summary>Each IAM action StackKit's own calls need, with the operations that make them.</summary>
    private async Task<SortedDictionary<string, SortedSet<string>>> StackKitCallsAsync()
    {
        await moto.ResetAsync();
        var recorder = new RecordingHandler();
        using var aws = AwsConnection.Create(
            new AwsClientOptions { Region = MotoServer.Region, EndpointUrl = moto.Endpoint, Credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey) },
            recorder);
        var stacks = new HttpServiceStacks(aws);
        Assert.Equal(0, (await moto.RunAwsCliAsync("ec2", "create-key-pair", "--key-name", "rights")).ExitCode);
        // A loopback registry that refuses connections: the image check runs, and only warns.
        const string image = "127.0.0.1:9/web";

        recorder.Doing = "New-HttpServiceStack";
        await stacks.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "rights",
            SshKeyName = "rights",
            SshCidr = "203.0.113.7/32",
            DockerImage = image + ":1",
            ServiceCredential = new NetworkCredential("ops", "Rights-Passw0rd!"),
        });
        // An Application Load Balancer (its health comes from the target group), an explicit AMI (checked first), the alarm e-mail.
        var ami = (await moto.AwsJsonAsync("ssm", "get-parameter", "--name", HttpServiceOptions.AmazonLinux2023SsmParameter)).GetProperty("Parameter").GetProperty("Value").GetString();
        await stacks.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "rights-alb",
            DockerImage = image + ":1",
            AmiId = ami,
            ServiceCredential = new NetworkCredential("ops", "Rights-Passw0rd!"),
            // With the alarm e-mail: New reads whether its subscription is confirmed.
            Template = new HttpServiceOptions { LoadBalancer = LoadBalancerKind.Application, NotificationEmail = "ops@example.com" },
        });
        // HTTPS with a domain: the certificate and zone checks run (moto keeps a requested certificate pending, which is refused).
        var certificate = (await moto.AwsJsonAsync("acm", "request-certificate", "--domain-name", "api.example.com")).GetProperty("CertificateArn").GetString();
        var zone = (await moto.AwsJsonAsync("route53", "create-hosted-zone", "--name", "example.com", "--caller-reference", "rights")).GetProperty("HostedZone").GetProperty("Id").GetString()!;
        await Assert.ThrowsAsync<PreflightException>(() => stacks.CreateAsync(new HttpServiceStackRequest
        {
            StackName = "rights-https",
            DockerImage = image + ":1",
            ServiceCredential = new NetworkCredential("ops", "Rights-Passw0rd!"),
            Template = new HttpServiceOptions { CertificateArn = certificate, DomainName = "api.example.com", HostedZoneId = zone.Replace("/hostedzone/", "", StringComparison.Ordinal) },
        }));
        recorder.Doing = "Get-HttpServiceStack";
        await stacks.GetAsync("rights-alb");
        await stacks.GetAsync("rights");
        await stacks.ListAsync();
        recorder.Doing = "Get-HttpServiceStack -Diagnose";
        await stacks.DiagnoseAsync("rights");
        recorder.Doing = "Update-HttpServiceStack -WhatIf";
        await stacks.PreviewUpdateAsync("rights", new HttpServiceStackUpdate { DockerImage = image + ":2" });
        // A new instance type: the preview prices the stack before and after (moto has no Price List; the call is what counts).
        await stacks.PreviewUpdateAsync("rights", new HttpServiceStackUpdate { InstanceType = "t3.small" });
        recorder.Doing = "Get-HttpServiceStack -Cost";
        await stacks.EstimateStackCostAsync("rights");
        recorder.Doing = "New-HttpServiceStack -WhatIf";
        await stacks.EstimateCostAsync(new HttpServiceStackRequest { StackName = "rights-new" });
        recorder.Doing = "Update-HttpServiceStack";
        await stacks.UpdateAsync("rights", new HttpServiceStackUpdate { DockerImage = image + ":2" });
        await stacks.UpdateAsync("rights", new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "ops@example.com") });
        // A stack with the alarm e-mail: Get reads whether its subscription is confirmed.
        recorder.Doing = "Get-HttpServiceStack";
        await stacks.GetAsync("rights");
        recorder.Doing = "Add-HttpServiceSshKey";
        var added = await stacks.AddSshKeyAsync(new SshKeyAddRequest { StackName = "rights", PublicKey = NewPublicKey() });
        recorder.Doing = "Get-HttpServiceSshKey";
        await stacks.ListSshKeysAsync("rights");
        recorder.Doing = "Remove-HttpServiceSshKey";
        await stacks.RemoveSshKeyAsync("rights", added.Key.Fingerprint);
        recorder.Doing = "Get-HttpServiceLog";
        await foreach (var line in stacks.ReadLogsAsync("rights"))
        {
            Assert.NotNull(line);
        }
        recorder.Doing = "Remove-HttpServiceStack";
        // moto refuses to delete a stack with a VPC; AWS deletes it. The call is what counts here.
        await Assert.ThrowsAnyAsync<StackKitException>(() => stacks.DeleteAsync("rights"));

        var calls = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (action, doing) in recorder.Calls)
        {
            (calls.TryGetValue(action, out var doings) ? doings : calls[action] = new(StringComparer.Ordinal)).Add(doing);
        }
        // What moto cannot play: a group whose launches or boots fail, read while New- or Update- waits.
        foreach (var request in await BotocoreModelTests.RecordInstanceSideAsync())
        {
            var action = $"{request.Service}:{request.Action}";
            if (!calls.ContainsKey(action))
            {
                calls[action] = new(StringComparer.Ordinal) { "New-HttpServiceStack", "Update-HttpServiceStack", "Get-HttpServiceStack -Diagnose" };
            }
        }
        // What moto does not implement: drift detection, and the preview reading what the last detection found.
        foreach (var (doing, request) in await DriftDetectionTests.RecordAsync())
        {
            var action = $"{request.Service}:{request.Action}";
            (calls.TryGetValue(action, out var doings) ? doings : calls[action] = new(StringComparer.Ordinal)).Add(doing);
        }
        return calls;
    }

    private static string NewPublicKey()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stackkit-rights-{Guid.NewGuid():N}");
        try
        {
            using (var keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "rights", "-f", file]) { UseShellExecute = false })!)
            {
                keygen.WaitForExit();
                Assert.Equal(0, keygen.ExitCode);
            }
            return File.ReadAllText(file + ".pub").TrimEnd('\n');
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".pub");
        }
    }

    private static string Render(SortedDictionary<string, SortedSet<string>> calls, SortedDictionary<string, SortedSet<string>> types, JsonElement data)
    {
        var handlers = data.GetProperty("types");
        var notIam = new SortedSet<string>(StringComparer.Ordinal);
        var cloudFormation = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in types.Keys)
        {
            Assert.True(handlers.TryGetProperty(type, out var handler),
                $"The template has {type}, which {DataPath} does not list: add the permissions of its registry schema's create, read, update and delete handlers.");
            var actions = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var phase in new[] { "create", "read", "update", "delete" })
            {
                foreach (var action in handler.GetProperty(phase).EnumerateArray().Select(a => a.GetString()!))
                {
                    (IamAction().IsMatch(action) ? actions : notIam).Add(action);
                }
            }
            cloudFormation[type] = actions;
        }
        var extras = data.GetProperty("extra").EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString()!, Why: e.GetProperty("why").GetString()!, Source: e.GetProperty("source").GetString()!)).ToList();
        var all = new SortedSet<string>(calls.Keys.Concat(cloudFormation.Values.SelectMany(a => a)).Concat(extras.Select(e => e.Action)), StringComparer.Ordinal);

        var text = new StringBuilder();
        text.Append("""
            # The rights a StackKit user needs

            <!-- Generated by CallerPermissionsTests from what StackKit calls and docs/permissions/cloudformation-handlers.json;
                 regenerate with STACKKIT_REGENERATE_DOCS=1 dotnet test tests/StackKit.Tests --filter CallerPermissionsTests. -->

            CloudFormation creates, changes and deletes a stack's resources with the credentials of whoever asks it to (unless
            the stack has a service role, which StackKit does not use). So the caller of `New-`, `Update-` and
            `Remove-HttpServiceStack` needs what StackKit calls itself and what CloudFormation calls for each resource type the
            template holds, for every option. This page is that union, derived by a test: StackKit's own calls are recorded
            while every facade operation runs against moto (and while a failing launch is diagnosed against the scripted fake),
            and CloudFormation's are the permissions each type's registry schema declares for its create, read, update and
            delete handlers (the list covers every feature of a type, so it is wider than this template strictly uses, and no
            narrower than what CloudFormation may call).

            **Treat these rights as administrator-equivalent.** The template creates an IAM role and passes it to its
            instances, so its caller needs `iam:CreateRole`, `iam:PutRolePolicy` and `iam:PassRole`, and the handlers'
            lists add more (`iam:AttachRolePolicy`, permissions boundaries, `ssm:Get*` with `kms:Decrypt`, S3 reads for
            DynamoDB's import). On `*`, whoever holds them can give themselves any right. Grant them only to whoever
            may administer the account, or narrow them: the IAM actions to `arn:aws:iam::ACCOUNT:role/STACK-*` and
            `instance-profile/STACK-*` (CloudFormation names both after the stack), `iam:PassRole` to that role with
            the condition `iam:PassedToService` = `ec2.amazonaws.com`, and `ssm:GetParameters` to
            `arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*`. A CloudFormation service role holding
            these rights, with the user allowed only `iam:PassRole` on it, is the stricter design; StackKit does not
            set one up yet.

            ## As IAM policies


            """);
        // An action a wildcard of the list already grants (ec2:DescribeVpcs under ec2:Describe*) is left out, and the
        // services are split over as few policies as IAM's 6,144-character limit for a managed policy allows.
        var wildcards = all.Where(a => a.EndsWith('*')).ToList();
        var granted = all.Where(a => a.EndsWith('*') || !wildcards.Any(w => a.StartsWith(w[..^1], StringComparison.Ordinal)));
        var policies = new List<List<string>> { new() };
        foreach (var service in granted.GroupBy(a => a.Split(':')[0]))
        {
            if (PolicySize([.. policies[^1], .. service]) > MaxManagedPolicySize)
            {
                policies.Add([]);
            }
            policies[^1].AddRange(service);
        }
        text.Append(CultureInfo.InvariantCulture, $"Attach these {policies.Count} managed policies (one holds at most {MaxManagedPolicySize:N0} characters):\n\n");
        foreach (var (actions, index) in policies.Select((actions, index) => (actions, index + 1)))
        {
            text.Append(CultureInfo.InvariantCulture, $"`StackKitCaller{index}` ({string.Join(", ", actions.Select(a => a.Split(':')[0]).Distinct())}):\n\n```json\n{PolicyJson(actions)}\n```\n\n");
        }
        text.Append("## What StackKit calls\n\n| action | called by |\n| --- | --- |\n");
        foreach (var (action, doings) in calls)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{action}` | {string.Join(", ", doings.Select(d => $"`{d}`"))} |\n");
        }
        text.Append("\n## What CloudFormation calls for the template's resources\n\n| resource type | template variants | actions | source |\n| --- | --- | --- | --- |\n");
        foreach (var (type, actions) in cloudFormation)
        {
            var variants = types[type].Count == TemplateVariants.All.Count ? "all" : string.Join(", ", types[type]);
            text.Append(CultureInfo.InvariantCulture, $"| `{type}` | {variants} | {string.Join(", ", actions.Select(a => $"`{a}`"))} | {handlers.GetProperty(type).GetProperty("source").GetString()} |\n");
        }
        text.Append("\n## On first use, and passing the instance role\n\n| action | why | source |\n| --- | --- | --- |\n");
        foreach (var (action, why, source) in extras)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{action}` | {why} | {source} |\n");
        }
        if (notIam.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nLeft out: {string.Join(", ", notIam.Select(a => $"`{a}`"))}, named in the schemas' handler lists but not IAM action names.\n");
        }
        return text.ToString();
    }

    private const int MaxManagedPolicySize = 6144;

    private static string PolicyJson(IEnumerable<string> actions) =>
        JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Action = actions.ToArray(), Resource = "*" } } }, Indented);

    // IAM counts the characters of a managed policy without its white space.
    private static int PolicySize(IEnumerable<string> actions) => PolicyJson(actions).Count(c => !char.IsWhiteSpace(c));

    [GeneratedRegex("^[a-z0-9-]+:[A-Za-z0-9*]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IamAction();
}
