using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>Group metrics (<c>AWS/AutoScaling</c>) the group publishes to CloudWatch.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "CloudFormation's own name for the property type.")]
public sealed class MetricsCollection : PropertyObject
{
    /// <summary><c>1Minute</c>, the only granularity.</summary>
    public Value<string>? Granularity { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The metrics, e.g. <c>GroupInServiceInstances</c>; none means all.</summary>
    public ValueList<string>? Metrics { get => GetList<string>(); set => SetList(value); }
}
