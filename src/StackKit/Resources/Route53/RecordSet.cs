using StackKit.Templates;

namespace StackKit.Resources.Route53;

/// <summary>A DNS record in a Route 53 hosted zone. (<c>AWS::Route53::RecordSet</c>)</summary>
public sealed class RecordSet : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::Route53::RecordSet";

    /// <summary>A RecordSet with this logical id.</summary>
    public RecordSet(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The hosted zone's id, e.g. <c>Z0123456789ABCDEFGHIJ</c>.</summary>
    public Value<string>? HostedZoneId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The record's name, e.g. <c>api.example.com</c>.</summary>
    public Value<string>? Name { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The record type, e.g. <c>A</c>.</summary>
    public Value<string>? RecordType { get => GetValue<string>("Type"); set => SetValue(value, "Type"); }

    /// <summary>The AWS resource an alias record points at.</summary>
    public AliasTarget? AliasTarget { get => GetObject<AliasTarget>(); set => SetObject(value); }
}
