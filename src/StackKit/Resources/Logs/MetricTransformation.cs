using StackKit.Templates;

namespace StackKit.Resources.Logs;

/// <summary>The metric a filter's matches feed.</summary>
public sealed class MetricTransformation : PropertyObject
{
    /// <summary>The metric's namespace.</summary>
    public Value<string>? MetricNamespace { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The metric's name.</summary>
    public Value<string>? MetricName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>What one match adds, such as <c>1</c>.</summary>
    public Value<string>? MetricValue { get => GetValue<string>(); set => SetValue(value); }
}
