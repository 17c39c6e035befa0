using StackKit.HttpService;
using StackKit.Templates;

namespace StackKit.Tests.HttpService;

/// <summary>
/// Completeness by reflection: every declared option goes through the metadata (JSON and YAML), is checked with its
/// declared words, and changes through an update as its declaration says, so a new option needs no hand-kept list.
/// </summary>
public sealed class TemplateOptionTests
{
    public static TheoryData<string> Names => [.. TemplateOption.All.Select(option => option.Name)];

    [Fact]
    public void Every_public_settable_property_of_the_options_is_a_declared_option()
    {
        var properties = typeof(HttpServiceOptions).GetProperties().Where(property => property.CanWrite).Select(property => property.Name);

        Assert.Equal(properties.Order(), TemplateOption.All.Select(option => option.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_option_round_trips_through_the_metadata_in_json_and_yaml(string name)
    {
        var option = TemplateOption.Named(name);
        var options = OptionExamples.All(option);
        var json = TemplateWriter.ToJson(HttpServiceTemplate.Build(options));

        var fromJson = OptionsMetadata.Read(TemplateReader.Parse(json))!;
        var fromYaml = OptionsMetadata.Read(TemplateReader.Parse(TemplateWriter.ToYaml(TemplateReader.Parse(json))))!;

        Assert.NotEqual(Text(option.Default), Text(option.Get(options)));
        Assert.Equal(Text(option.Get(options)), Text(option.Get(fromJson)));
        Assert.Equal(Text(option.Get(options)), Text(option.Get(fromYaml)));
    }

    [Fact]
    public void Each_option_in_the_metadata_is_its_type_and_a_null_one_is_left_out()
    {
        var entries = (ObjectExpression)HttpServiceTemplate.Build(new HttpServiceOptions { CpuScaling = true, AllowedCidrs = ["203.0.113.0/24"] }).Metadata[OptionsMetadata.Key]!;

        Assert.Equal(TemplateOption.All.Where(option => !option.IsOptional).Select(option => option.Name), entries.Entries.Select(entry => entry.Key));
        Assert.Equal(true, ((Literal)entries["CpuScaling"]!).Value);
        Assert.Equal(8080L, ((Literal)entries["ContainerPort"]!).Value);
        Assert.Equal("Classic", ((Literal)entries["LoadBalancer"]!).Value);
        Assert.Equal(["203.0.113.0/24"], ((ListExpression)entries["AllowedCidrs"]!).Items.Select(item => ((Literal)item).Value));
    }

    [Theory]
    [InlineData("CertificateArn", "arn:aws:s3:::bucket", "CertificateArn 'arn:aws:s3:::bucket' is not an ACM certificate ARN")]
    [InlineData("AllowedCidrs", "10.0.0.0/33", "AllowedCidrs: '10.0.0.0/33' is not an IPv4 CIDR block")]
    [InlineData("NotificationEmail", "ops", "NotificationEmail 'ops' is not an e-mail address")]
    [InlineData("AmiSsmParameter", null, "AmiSsmParameter '' is not an SSM parameter name")]
    public void A_bad_value_is_refused_in_its_declared_words_naming_the_option(string name, string? value, string expected)
    {
        var option = TemplateOption.Named(name);
        var options = new HttpServiceOptions();
        option.Set(options, option.IsList ? new[] { value! } : value);

        var refused = Assert.Throws<ArgumentException>(options.Validate);
        var atBinding = Assert.Throws<ArgumentException>(() => option.CheckText(value ?? ""));

        Assert.Equal(name, refused.ParamName);
        Assert.StartsWith(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, atBinding.Message);
    }

    [Fact]
    public void Numbers_and_choices_out_of_range_are_refused_with_what_to_give()
    {
        var port = Assert.Throws<ArgumentException>(new HttpServiceOptions { ContainerPort = 0 }.Validate);
        var kind = Assert.Throws<ArgumentException>(new HttpServiceOptions { LoadBalancer = (LoadBalancerKind)7 }.Validate);

        Assert.StartsWith("ContainerPort 0 is not a TCP port; use 1 to 65535", port.Message, StringComparison.Ordinal);
        Assert.StartsWith("LoadBalancer 7 is not a LoadBalancerKind; use Classic or Application.", kind.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void An_update_sets_removes_or_refuses_the_option_as_declared(string name)
    {
        var option = TemplateOption.Named(name);

        var setByExpression = Record.Exception(() => SetByExpression(option));
        var remove = Record.Exception(() => RemoveByExpression(option));

        Assert.Equal(option.Update == OptionUpdate.Fixed, setByExpression is ArgumentException);
        Assert.Equal(option.Update != OptionUpdate.SetOrRemove, remove is ArgumentException);
    }

    [Fact]
    public void Update_changes_keep_every_option_they_do_not_name()
    {
        var current = new HttpServiceOptions { NotificationEmail = "ops@example.com", CpuScaling = true, AllowedCidrs = ["203.0.113.0/24"], SshAccess = false };

        var changed = new HttpServiceOptionChanges().Remove(o => o.NotificationEmail).Set(o => o.AllowedCidrs, ["198.51.100.7/32"]).ApplyTo(current);

        Assert.Null(changed.NotificationEmail);
        Assert.Equal(["198.51.100.7/32"], changed.AllowedCidrs);
        Assert.True(changed.CpuScaling);
        Assert.False(changed.SshAccess);
    }

    [Fact]
    public void Changes_say_what_they_do_and_refuse_what_is_no_option()
    {
        var changes = new HttpServiceOptionChanges().Set(o => o.NotificationEmail, "a@example.com").Remove(o => o.DomainName).Set(o => o.NotificationEmail, "ops@example.com");
        var fixedOption = Assert.Throws<ArgumentException>(() => new HttpServiceOptionChanges().Set(o => o.LoadBalancer, LoadBalancerKind.Application));
        var notAnOption = Assert.Throws<ArgumentException>(() => new HttpServiceOptionChanges().Set(o => o.AllowedCidrs.Count, 2));

        Assert.Equal("no DomainName, NotificationEmail=ops@example.com", changes.ToString());
        Assert.Contains("chosen when a stack is created", fixedOption.Message, StringComparison.Ordinal);
        Assert.Contains("does not name an option", notAnOption.Message, StringComparison.Ordinal);
    }

    private static void SetByExpression(TemplateOption option)
    {
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(HttpServiceOptions), "o");
        var lambda = System.Linq.Expressions.Expression.Lambda<Func<HttpServiceOptions, object?>>(
            System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Property(parameter, option.Name), typeof(object)), parameter);
        new HttpServiceOptionChanges().Set(lambda, OptionExamples.Value(option));
    }

    private static void RemoveByExpression(TemplateOption option)
    {
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(HttpServiceOptions), "o");
        var lambda = System.Linq.Expressions.Expression.Lambda<Func<HttpServiceOptions, object?>>(
            System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Property(parameter, option.Name), typeof(object)), parameter);
        new HttpServiceOptionChanges().Remove(lambda);
    }

    private static string? Text(object? value) => value is not string && value is IEnumerable<string> items ? string.Join(",", items) : value?.ToString();
}
