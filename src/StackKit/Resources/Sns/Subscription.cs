using StackKit.Templates;

namespace StackKit.Resources.Sns;

/// <summary>A subscription to an SNS topic, e.g. an e-mail address. (<c>AWS::SNS::Subscription</c>)</summary>
public sealed class Subscription : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::SNS::Subscription";

    /// <summary>A Subscription with this logical id.</summary>
    public Subscription(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The topic's ARN.</summary>
    public Value<string>? TopicArn { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>email</c>, <c>sqs</c>, <c>https</c>, ...</summary>
    public Value<string>? Protocol { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Where messages go: for <c>email</c>, the address (which must confirm the subscription).</summary>
    public Value<string>? Endpoint { get => GetValue<string>(); set => SetValue(value); }
}
