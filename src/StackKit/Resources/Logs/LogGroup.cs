using StackKit.Templates;
using StackKit.Templates.Intrinsics;

namespace StackKit.Resources.Logs;

/// <summary>A CloudWatch Logs group. (<c>AWS::Logs::LogGroup</c>)</summary>
public sealed class LogGroup : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::Logs::LogGroup";

    /// <summary>A LogGroup with this logical id.</summary>
    public LogGroup(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>How many days events are kept (one of CloudWatch's values: 1, 3, 5, 7, 14, 30, ...); unset keeps them forever.</summary>
    public Value<int>? RetentionInDays { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Tags on the resource.</summary>
    public IReadOnlyList<Tag>? Tags { get => GetObjects<Tag>(); set => SetObjects(value); }

    /// <summary>The group's name (its <c>Ref</c>).</summary>
    public Value<string> LogGroupName => Ref;

    /// <summary>The group's ARN, ending in <c>:*</c>, so it also covers the group's streams.</summary>
    public Value<string> Arn => Fn.GetAtt<string>(this, "Arn");
}
