using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>A tag of an auto scaling group.</summary>
public sealed class AutoScalingGroupTag : PropertyObject
{
    /// <summary>The key.</summary>
    public Value<string>? Key { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The value.</summary>
    public Value<string>? Value { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether instances get the tag too.</summary>
    public Value<bool>? PropagateAtLaunch { get => GetValue<bool>(); set => SetValue(value); }
}
