using StackKit.Keys;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackKit.HttpService;
using StackKit.Stacks;
using StackKit.Templates;
using StackKit.Tests.Moto;
using StackKit.Tests.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// Stacks made before the password hash (their template takes <c>ServicePassword</c> itself, as
/// before-issue-19.template.json does): an update never silently resets their password to the default, and a
/// credential moves them to the hash.
/// </summary>
[Collection(UsesMoto.Name)]
public sealed class LegacyPasswordUpdateTests(MotoServer moto) : ServiceOnMoto(moto)
{
    private const string OldPassword = "Old-Passw0rd-in-user-data";
    private const string NewPassword = "A new passphrase, hashed";

    [Fact]
    public async Task New_options_without_a_credential_are_refused_naming_the_fix_and_nothing_is_sent()
    {
        await CreateLegacyAsync();
        var before = await TemplateTextAsync();

        var refused = await Assert.ThrowsAsync<StackException>(() => Service.UpdateAsync("old", new HttpServiceStackUpdate
        {
            Options = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "ops@example.com"),
            SkipPreflight = true,
        }));

        Assert.Contains("(ServicePassword)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Update-HttpServiceStack -ServiceCredential", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await TemplateTextAsync());
    }

    [Fact]
    public async Task A_credential_moves_the_stack_to_the_hash_and_the_plaintext_leaves_its_template()
    {
        await CreateLegacyAsync();

        var result = await Service.UpdateAsync("old", new HttpServiceStackUpdate
        {
            ServiceCredential = new NetworkCredential("ops", NewPassword),
            SkipPreflight = true,
        });

        Assert.Equal(StackUpdateOutcome.Updated, result.Outcome);
        var template = await TemplateTextAsync();
        using var document = JsonDocument.Parse(template);
        var parameters = document.RootElement.GetProperty("Parameters");
        Assert.True(parameters.TryGetProperty(HttpServiceNames.ServicePasswordHash, out _));
        Assert.False(parameters.TryGetProperty(HttpServiceNames.LegacyServicePassword, out _));
        Assert.DoesNotContain("KeyInjection__Password=", template, StringComparison.Ordinal);
        var values = await ParametersAsync();
        Assert.Equal("ops", values[HttpServiceNames.ServiceUsername]);
        // Only the hash was sent (moto shows NoEcho values, and keeps parameters the new template no longer declares).
        Assert.Matches(PasswordHash.PatternOrEmpty, values[HttpServiceNames.ServicePasswordHash]);
        Assert.NotEqual(string.Empty, values[HttpServiceNames.ServicePasswordHash]);
        Assert.DoesNotContain(values.Values, v => v.Contains(NewPassword, StringComparison.Ordinal));
        // The options the stack was made with are kept: the same image, and no option added.
        Assert.Equal("registry.example.test/web:1", values[HttpServiceNames.DockerImage]);
    }

    [Fact]
    public async Task Parameters_alone_keep_the_old_template_and_warn_that_the_password_is_in_clear_text()
    {
        await CreateLegacyAsync();
        var warnings = new List<PreflightWarning>();

        var result = await Service.UpdateAsync("old", new HttpServiceStackUpdate
        {
            DockerImage = "registry.example.test/web:2",
            SkipPreflight = true,
            Warnings = new Recorder(warnings),
        });

        Assert.Equal(StackUpdateOutcome.Updated, result.Outcome);
        Assert.Contains(HttpServiceNames.LegacyServicePassword, (await ParametersAsync()).Keys);
        var warning = Assert.Single(warnings, w => w.Check == PreflightCheck.ServiceCredential);
        Assert.Contains("clear text", warning.Message, StringComparison.Ordinal);
        Assert.Contains("-ServiceCredential", warning.Message, StringComparison.Ordinal);
    }

    private async Task CreateLegacyAsync()
    {
        var body = WithTodaysKeyTable(File.ReadAllText(RepositoryFiles.PathOf("tests", "StackKit.Tests", "HttpService", "before-issue-19.template.json")));
        using var document = JsonDocument.Parse(body);
        var parameters = document.RootElement.GetProperty("Parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.TryGetProperty("Default", out var value) ? value.GetString()! : "");
        parameters[HttpServiceNames.LegacyServicePassword] = OldPassword;
        parameters[HttpServiceNames.DockerImage] = "registry.example.test/web:1";
        await new StackLifecycle(Aws, TimeProvider.System).CreateAsync(new CreateStackRequest
        {
            StackName = "old",
            TemplateBody = body,
            Parameters = parameters,
            Capabilities = ["CAPABILITY_IAM"],
        });
    }

    /// <summary>
    /// The old template with today's key table (its time-to-live setting added): moto 5.2.1 has no in-place update
    /// for a DynamoDB table and loses the table when an update changes it, where AWS adds a TTL setting in place. The
    /// password is what these tests are about.
    /// </summary>
    private static string WithTodaysKeyTable(string oldTemplate)
    {
        var template = JsonNode.Parse(oldTemplate)!;
        var today = JsonNode.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build()))!;
        template["Resources"]!["KeyTable"] = today["Resources"]!["KeyTable"]!.DeepClone();
        return template.ToJsonString();
    }

    private async Task<string> TemplateTextAsync()
    {
        var body = (await Moto.AwsJsonAsync("cloudformation", "get-template", "--stack-name", "old")).GetProperty("TemplateBody");
        return body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
    }

    private async Task<Dictionary<string, string>> ParametersAsync() =>
        (await Moto.AwsJsonAsync("cloudformation", "describe-stacks", "--stack-name", "old")).GetProperty("Stacks")[0].GetProperty("Parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("ParameterKey").GetString()!, p => p.GetProperty("ParameterValue").GetString()!);

    private sealed class Recorder(List<PreflightWarning> warnings) : IProgress<PreflightWarning>
    {
        public void Report(PreflightWarning value) => warnings.Add(value);
    }
}
