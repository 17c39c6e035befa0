using StackKit.Resources.AutoScaling;
using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Tests.Templates;

public sealed class ValueTests
{
    [Fact]
    public void Literals_and_intrinsics_assign_to_the_same_typed_property()
    {
        var size = new Parameter("Size", ParameterTypes.Number);
        var group = new AutoScalingGroup("Group") { MinSize = 1, MaxSize = Fn.RefTo<int>(size.LogicalId) };

        Assert.True(group.MinSize!.TryGetLiteral(out var min));
        Assert.Equal(1, min);
        Assert.False(group.MaxSize!.TryGetLiteral(out _));
        Assert.Equal("{\"Ref\":\"Size\"}", group.MaxSize.ToString());
    }

    [Theory]
    [InlineData("{\"Resources\":{\"G\":{\"Type\":\"AWS::AutoScaling::AutoScalingGroup\",\"Properties\":{\"MinSize\":\"2\"}}}}", true, 2)]
    [InlineData("{\"Resources\":{\"G\":{\"Type\":\"AWS::AutoScaling::AutoScalingGroup\",\"Properties\":{\"MinSize\":2}}}}", true, 2)]
    [InlineData("{\"Resources\":{\"G\":{\"Type\":\"AWS::AutoScaling::AutoScalingGroup\",\"Properties\":{\"MinSize\":2.5}}}}", false, 0)]
    [InlineData("{\"Resources\":{\"G\":{\"Type\":\"AWS::AutoScaling::AutoScalingGroup\",\"Properties\":{\"MinSize\":\"two\"}}}}", false, 0)]
    public void A_parsed_number_reads_through_its_typed_property_whether_written_as_string_or_number(string json, bool isNumber, int expected)
    {
        var group = Assert.IsType<AutoScalingGroup>(TemplateReader.Parse(json).FindResource("G"));

        Assert.Equal(isNumber, group.MinSize!.TryGetLiteral(out var min));
        Assert.Equal(expected, min);
    }

    [Fact]
    public void A_resource_type_StackKit_does_not_model_keeps_all_its_properties()
    {
        const string Yaml = """
            Resources:
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  Description: alerts
                  Targets:
                    - Arn: arn:aws:sns:us-east-1:123456789012:alerts
                      Id: alerts
            """;

        var template = TemplateReader.Parse(Yaml);

        var rule = Assert.Single(template.Resources);
        Assert.Equal(typeof(Resource), rule.GetType());
        Assert.Equal("[{\"Arn\":\"arn:aws:sns:us-east-1:123456789012:alerts\",\"Id\":\"alerts\"}]", rule.Properties["Targets"]!.ToString());
        Assert.Equal(TemplateWriter.ToYaml(template), TemplateWriter.ToYaml(TemplateReader.Parse(TemplateWriter.ToJson(template))));
    }
}
