using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>Which launch template (and version) a group launches.</summary>
public sealed class LaunchTemplateSpecification : PropertyObject
{
    /// <summary>The launch template.</summary>
    public Value<string>? LaunchTemplateId { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The version, typically its <c>LatestVersionNumber</c>.</summary>
    public Value<string>? Version { get => GetValue<string>(); set => SetValue(value); }
}
