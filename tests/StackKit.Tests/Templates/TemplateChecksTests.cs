using StackKit.Resources.Ec2;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Tests.Templates;

public sealed class TemplateChecksTests
{
    [Fact]
    public void A_reference_to_a_resource_that_was_never_added_names_both_ids_and_nothing_is_written()
    {
        var template = new Template();
        var vpc = new Vpc("MissingVpc") { CidrBlock = "10.0.0.0/16" };
        template.Add(new Subnet("Subnet") { VpcId = vpc.VpcId, CidrBlock = "10.0.0.0/24" });

        var json = Assert.Throws<InvalidTemplateException>(() => TemplateWriter.ToJson(template));
        var yaml = Assert.Throws<InvalidTemplateException>(() => TemplateWriter.ToYaml(template));

        Assert.Contains("Resource 'Subnet' refers to 'MissingVpc'", json.Message, StringComparison.Ordinal);
        Assert.Equal(json.Message, yaml.Message);
    }

    [Fact]
    public void Sub_placeholders_GetAtt_conditions_and_DependsOn_are_checked_too()
    {
        var template = new Template();
        var ghost = new InternetGateway("Ghost");
        var gateway = template.Add(new InternetGateway("Gateway") { Condition = new Condition("NoSuchCondition", Fn.Equals(Pseudo.Region, "us-east-1")) });
        gateway.DependsOn.Add(new InternetGateway("NoSuchResource"));
        template.Add(new Output("Out", Fn.Sub("${Missing} ${Gateway} ${AWS::Region} ${!Literal}")));
        template.Add(new Output("Att", Fn.GetAtt<string>(ghost, "InternetGatewayId")));

        var error = Assert.Throws<InvalidTemplateException>(template.Validate);

        Assert.Equal(
            [
                "Resource 'Gateway' has Condition 'NoSuchCondition', which is not a condition of this template.",
                "Resource 'Gateway' depends on 'NoSuchResource', which is not a resource of this template.",
                "Output 'Out' refers to 'Missing', which is not a parameter or resource of this template.",
                "Output 'Att' refers to 'Ghost', which is not a parameter or resource of this template.",
            ],
            error.Problems);
    }

    [Fact]
    public void A_duplicate_logical_id_is_named_with_what_uses_it()
    {
        var template = new Template();
        template.Add(new Parameter("Network", ParameterTypes.String));
        template.Add(new Vpc("Network") { CidrBlock = "10.0.0.0/16" });

        var error = Assert.Throws<InvalidTemplateException>(() => TemplateWriter.ToJson(template));

        Assert.Equal(["Logical id 'Network' is used 2 times (parameter, resource); give each a unique id."], error.Problems);
    }

    [Fact]
    public void A_circular_dependency_names_the_resources_in_the_circle()
    {
        var template = new Template();
        var first = template.Add(new SecurityGroup("First") { GroupDescription = "first" });
        var second = template.Add(new SecurityGroup("Second") { GroupDescription = "second", VpcId = first.GroupId });
        template.Add(new InternetGateway("Bystander"));
        first.VpcId = second.GroupId;

        var error = Assert.Throws<InvalidTemplateException>(() => TemplateWriter.ToYaml(template));

        Assert.Equal(["Resources depend on each other in a circle: First -> Second -> First; break one of these references."], error.Problems);
    }

    [Fact]
    public void A_cycle_through_DependsOn_is_found()
    {
        var template = new Template();
        var a = template.Add(new InternetGateway("A"));
        var b = template.Add(new InternetGateway("B"));
        var c = template.Add(new InternetGateway("C"));
        a.DependsOn.Add(b);
        b.DependsOn.Add(c);
        c.DependsOn.Add(a);

        var error = Assert.Throws<InvalidTemplateException>(template.Validate);

        Assert.Contains("A -> B -> C -> A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parsed_template_is_checked_the_same_way()
    {
        const string Yaml = """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Vpc
            """;

        var error = Assert.Throws<InvalidTemplateException>(() => TemplateReader.Parse(Yaml));

        Assert.Equal(["Resource 'Subnet' refers to 'Vpc', which is not a parameter or resource of this template."], error.Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has-dash")]
    [InlineData("AWS::StackName")]
    public void A_logical_id_CloudFormation_would_refuse_is_refused_when_created(string logicalId)
    {
        var error = Assert.Throws<ArgumentException>(() => new Vpc(logicalId));

        Assert.Contains("letters and digits", error.Message, StringComparison.Ordinal);
    }
}
