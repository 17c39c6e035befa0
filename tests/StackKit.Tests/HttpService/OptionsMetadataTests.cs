using StackKit.HttpService;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>The options a template carries in its metadata rebuild the very same template, from JSON and from YAML.</summary>
public sealed class OptionsMetadataTests
{
    [Theory]
    [MemberData(nameof(TemplateVariants.Names), MemberType = typeof(TemplateVariants))]
    public void The_options_read_back_build_the_same_template(string variant)
    {
        var json = TemplateWriter.ToJson(HttpServiceTemplate.Build(TemplateVariants.All[variant]));

        var fromJson = OptionsMetadata.Read(TemplateReader.Parse(json));
        var fromYaml = OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToYaml(TemplateReader.Parse(json))));

        Assert.Equal(json, TemplateWriter.ToJson(HttpServiceTemplate.Build(fromJson)));
        Assert.Equal(json, TemplateWriter.ToJson(HttpServiceTemplate.Build(fromYaml)));
    }

    [Fact]
    public void Dropping_the_certificate_keeps_the_application_load_balancer_it_brought()
    {
        var withCertificate = TemplateReader.Parse(TemplateWriter.ToJson(HttpServiceTemplate.Build(new HttpServiceOptions { CertificateArn = TemplateVariants.Certificate })));

        var options = new HttpServiceStackUpdate { Options = new HttpServiceOptionChanges().Remove(o => o.CertificateArn) }.ApplyTo(OptionsMetadata.Read(withCertificate)!);

        Assert.Null(options.CertificateArn);
        Assert.Equal(LoadBalancerKind.Application, options.LoadBalancer);
    }

    [Theory]
    [InlineData("Future", "true", "has option 'Future', which this StackKit does not know")]
    [InlineData("SshAccess", "maybe", "has a SshAccess that is not true or false")]
    [InlineData("LoadBalancer", "Network", "has LoadBalancer 'Network'")]
    public void Metadata_in_another_shape_is_named_not_guessed(string option, string value, string expected)
    {
        var template = HttpServiceTemplate.Build();
        ((ObjectExpression)template.Metadata[OptionsMetadata.Key]!)[option] = Literal.Of(value);

        var refused = Assert.Throws<InvalidTemplateException>(() => OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToJson(template))));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AllowedCidrs")]
    [InlineData("SshAccess")]
    public void A_missing_option_is_named_rather_than_taken_as_its_default(string option)
    {
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { AllowedCidrs = ["203.0.113.0/24"], SshAccess = false });
        ((ObjectExpression)template.Metadata[OptionsMetadata.Key]!)[option] = null;

        var refused = Assert.Throws<InvalidTemplateException>(() => OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToJson(template))));

        Assert.Contains($"metadata has no {option}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stack_made_before_key_lifetimes_keeps_what_it_did_when_updated()
    {
        // A template of the StackKit before issue 22: no lifetime or forwarding options, keys forever, lines unrestricted.
        var template = HttpServiceTemplate.Build(new HttpServiceOptions { AllowSshForwarding = true, SshKeyLifetimeHours = 5 });
        var metadata = (ObjectExpression)template.Metadata[OptionsMetadata.Key]!;
        metadata[nameof(HttpServiceOptions.SshKeyLifetimeHours)] = null;
        metadata[nameof(HttpServiceOptions.AllowSshForwarding)] = null;

        var options = OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToJson(template)))!;

        Assert.Equal(0, options.SshKeyLifetimeHours);
        Assert.True(options.AllowSshForwarding);
        Assert.NotEqual(new HttpServiceOptions().SshKeyLifetimeHours, options.SshKeyLifetimeHours);
    }

    [Fact]
    public void Metadata_that_is_no_mapping_is_named()
    {
        var template = HttpServiceTemplate.Build();
        template.Metadata[OptionsMetadata.Key] = Literal.Of("Classic");

        var refused = Assert.Throws<InvalidTemplateException>(() => OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToJson(template))));

        Assert.Contains("metadata is not a mapping", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_the_metadata_says_nothing()
    {
        var template = HttpServiceTemplate.Build();
        template.Metadata[OptionsMetadata.Key] = null;

        Assert.Null(OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToJson(template))));
    }
}
