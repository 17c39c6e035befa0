using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Sns;

/// <summary>An SNS topic. (<c>AWS::SNS::Topic</c>)</summary>
public sealed class Topic : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::SNS::Topic";

    /// <summary>A Topic with this logical id.</summary>
    public Topic(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The name e-mail notifications show as their sender.</summary>
    public Value<string>? DisplayName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The KMS key that encrypts messages at rest, e.g. <c>alias/aws/sns</c>.</summary>
    public Value<string>? KmsMasterKeyId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The topic's ARN (its <c>Ref</c>).</summary>
    public Value<string> TopicArn => Ref;

    /// <summary>The topic's name.</summary>
    public Value<string> TopicName => Fn.GetAtt<string>(this, "TopicName");
}
