using StackKit.HttpService;
using StackKit.Resources.AutoScaling;
using StackKit.Resources.Ec2;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;
using StackKit.Tests.HttpService;

namespace StackKit.Tests.Templates;

public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(TemplateVariants.Names), MemberType = typeof(TemplateVariants))]
    public void Json_to_model_to_yaml_to_model_to_json_gives_the_same_template(string variant)
    {
        var json = TemplateWriter.ToJson(HttpServiceTemplate.Build(TemplateVariants.All[variant]));

        var yaml = TemplateWriter.ToYaml(TemplateReader.Parse(json));
        var again = TemplateWriter.ToJson(TemplateReader.Parse(yaml));

        Assert.Equal(json, again);
        Assert.Equal(yaml, TemplateWriter.ToYaml(TemplateReader.Parse(yaml)));
    }

    [Fact]
    public void Hand_written_yaml_with_short_tags_reads_as_the_same_template_as_its_long_form_json()
    {
        const string Yaml = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Image:
                Type: String
                Default: nginx
            Conditions:
              IsNginx: !Equals [!Ref Image, nginx]
              NotNginx: !Not [!Condition IsNginx]
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
                  Tags:
                    - Key: Name
                      Value: !Join ['-', [!Ref 'AWS::StackName', vpc]]
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Vpc
                  AvailabilityZone: !Select [0, !GetAZs '']
                  CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    InstanceType: !If [IsNginx, t3.micro, !Ref 'AWS::NoValue']
                    UserData:
                      Fn::Base64: !Sub |
                        #!/bin/bash
                        docker run ${Image} in ${Vpc}
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Condition: NotNginx
                Properties:
                  MinSize: "1"
                  MaxSize: 5
                  LaunchTemplate:
                    LaunchTemplateId: !Ref Template
                    Version: !GetAtt [Template, LatestVersionNumber]
            Outputs:
              Url:
                Value: !Sub
                  - http://${Host}/
                  - Host: !GetAtt Vpc.CidrBlock
            """;
        const string Json = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Parameters": { "Image": { "Type": "String", "Default": "nginx" } },
              "Conditions": {
                "IsNginx": { "Fn::Equals": [ { "Ref": "Image" }, "nginx" ] },
                "NotNginx": { "Fn::Not": [ { "Condition": "IsNginx" } ] }
              },
              "Resources": {
                "Vpc": { "Type": "AWS::EC2::VPC", "Properties": {
                  "CidrBlock": "10.0.0.0/16",
                  "Tags": [ { "Key": "Name", "Value": { "Fn::Join": [ "-", [ { "Ref": "AWS::StackName" }, "vpc" ] ] } } ] } },
                "Subnet": { "Type": "AWS::EC2::Subnet", "Properties": {
                  "VpcId": { "Ref": "Vpc" },
                  "AvailabilityZone": { "Fn::Select": [ 0, { "Fn::GetAZs": "" } ] },
                  "CidrBlock": { "Fn::Select": [ 0, { "Fn::Cidr": [ { "Fn::GetAtt": [ "Vpc", "CidrBlock" ] }, 4, 8 ] } ] } } },
                "Template": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": {
                  "InstanceType": { "Fn::If": [ "IsNginx", "t3.micro", { "Ref": "AWS::NoValue" } ] },
                  "UserData": { "Fn::Base64": { "Fn::Sub": "#!/bin/bash\ndocker run ${Image} in ${Vpc}\n" } } } } },
                "Group": { "Type": "AWS::AutoScaling::AutoScalingGroup", "Condition": "NotNginx", "Properties": {
                  "MinSize": "1",
                  "MaxSize": 5,
                  "LaunchTemplate": { "LaunchTemplateId": { "Ref": "Template" }, "Version": { "Fn::GetAtt": "Template.LatestVersionNumber" } } } }
              },
              "Outputs": { "Url": { "Value": { "Fn::Sub": [ "http://${Host}/", { "Host": { "Fn::GetAtt": [ "Vpc", "CidrBlock" ] } } ] } } }
            }
            """;

        var fromYaml = TemplateReader.Parse(Yaml);
        var fromJson = TemplateReader.Parse(Json);

        Assert.Equal(TemplateWriter.ToJson(fromJson), TemplateWriter.ToJson(fromYaml));
        var group = Assert.IsType<AutoScalingGroup>(fromYaml.FindResource("Group"));
        Assert.True(group.MinSize!.TryGetLiteral(out var min));
        Assert.True(group.MaxSize!.TryGetLiteral(out var max));
        Assert.Equal((1, 5), (min, max));
        Assert.Same(Assert.Single(fromYaml.Conditions, c => c.LogicalId == "NotNginx"), group.Condition);
        var subnet = Assert.IsType<Subnet>(fromYaml.FindResource("Subnet"));
        var vpcRef = Assert.IsType<Intrinsic>(subnet.VpcId!.Expression);
        Assert.Equal(("Ref", "Vpc"), (vpcRef.Name, vpcRef.Argument.ToString()));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("80")]
    [InlineData("1.5")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("a: b")]
    [InlineData("#not a comment")]
    [InlineData("it's")]
    [InlineData(" padded ")]
    [InlineData("line one\nline two")]
    public void Strings_that_look_like_other_yaml_values_stay_strings(string text)
    {
        var template = new Template();
        template.Add(new InternetGateway("Gateway") { Tags = [new() { Key = "Name", Value = text }] });

        var parsed = TemplateReader.Parse(TemplateWriter.ToYaml(template));

        var tag = Assert.Single(Assert.IsType<InternetGateway>(parsed.FindResource("Gateway")).Tags!);
        Assert.Equal(text, Assert.IsType<Literal>(tag.Value!.Expression).Value);
    }

    [Fact]
    public void Numbers_and_booleans_keep_their_types_in_both_formats()
    {
        var template = new Template();
        template.Add(new Vpc("Vpc") { CidrBlock = "10.0.0.0/16", EnableDnsHostnames = true });
        template.Add(new Resource("Custom", "Custom::Thing") { Properties = { ["Ratio"] = Literal.Of(0.25), ["Count"] = Literal.Of(3) } });

        foreach (var text in new[] { TemplateWriter.ToJson(template), TemplateWriter.ToYaml(template) })
        {
            var parsed = TemplateReader.Parse(text);
            Assert.Equal(true, ((Literal)parsed.FindResource("Vpc")!.Properties["EnableDnsHostnames"]!).Value);
            Assert.Equal(0.25, ((Literal)parsed.FindResource("Custom")!.Properties["Ratio"]!).Value);
            Assert.Equal(3L, ((Literal)parsed.FindResource("Custom")!.Properties["Count"]!).Value);
        }
    }

    [Theory]
    [InlineData("{ \"Resources\": { \"X\": { \"Type\": \"AWS::EC2::VPC\", ", "not valid JSON")]
    [InlineData("Resources: [unclosed", "not valid YAML (line ")]
    [InlineData("Mappings: {}", "Section 'Mappings' is not supported")]
    [InlineData("Resources:\n  X:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Nope x", "YAML tag '!Nope' is not an intrinsic function")]
    [InlineData("{\"Resources\": {\"X\": {\"Type\": \"AWS::EC2::VPC\", \"Properties\": {\"CidrBlock\": {\"Fn::Nope\": 1}}}}}", "'Fn::Nope' is not an intrinsic function")]
    [InlineData("Resources:\n  X:\n    Properties: {}", "'X' has no Type")]
    [InlineData("Resources:\n  X: &x\n    Type: AWS::EC2::VPC\n  Y: *x", "Line 2 uses the YAML anchor '&x'")]
    [InlineData("Resources:\n  X:\n    Type: AWS::EC2::VPC\n    Metadata: {}", "Resource 'X' Metadata is not an attribute StackKit reads")]
    public void Text_that_is_not_a_template_StackKit_reads_gets_an_error_saying_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<InvalidTemplateException>(() => TemplateReader.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurdly_deep_yaml_is_refused_instead_of_exhausting_the_stack()
    {
        var yaml = "Description: " + new string('[', 5000) + new string(']', 5000);

        var error = Assert.Throws<InvalidTemplateException>(() => TemplateReader.Parse(yaml));

        Assert.Contains("nests deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_properties_write_in_the_order_they_were_set_and_reassigning_keeps_the_place()
    {
        var template = new Template();
        var vpc = template.Add(new Vpc("Vpc") { EnableDnsSupport = true, CidrBlock = "10.0.0.0/16" });
        vpc.EnableDnsSupport = false;

        var yaml = TemplateWriter.ToYaml(template);

        Assert.Contains("    Properties:\n      EnableDnsSupport: false\n      CidrBlock: '10.0.0.0/16'\n", yaml, StringComparison.Ordinal);
    }
}
