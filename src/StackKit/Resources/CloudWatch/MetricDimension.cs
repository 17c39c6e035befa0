using StackKit.Templates;

namespace StackKit.Resources.CloudWatch;

/// <summary>A name and value that picks one series of a metric.</summary>
public sealed class MetricDimension : PropertyObject
{
    /// <summary>The dimension's name.</summary>
    public Value<string>? Name { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The dimension's value.</summary>
    public Value<string>? Value { get => GetValue<string>(); set => SetValue(value); }
}
