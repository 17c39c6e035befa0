using StackKit.Templates;

namespace StackKit.Resources.Logs;

/// <summary>Turns a log group's matching events into a CloudWatch metric. (<c>AWS::Logs::MetricFilter</c>)</summary>
public sealed class MetricFilter : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::Logs::MetricFilter";

    /// <summary>A MetricFilter with this logical id.</summary>
    public MetricFilter(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The log group whose events are matched.</summary>
    public Value<string>? LogGroupName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The filter pattern (CloudWatch Logs' filter syntax).</summary>
    public Value<string>? FilterPattern { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The metric each match adds to.</summary>
    public IReadOnlyList<MetricTransformation>? MetricTransformations { get => GetObjects<MetricTransformation>(); set => SetObjects(value); }
}
