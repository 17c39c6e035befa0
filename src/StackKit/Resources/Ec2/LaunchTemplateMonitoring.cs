using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>Whether instances publish CloudWatch metrics every minute (detailed monitoring) instead of every five.</summary>
public sealed class LaunchTemplateMonitoring : PropertyObject
{
    /// <summary>True: detailed (one-minute) monitoring.</summary>
    public Value<bool>? Enabled { get => GetValue<bool>(); set => SetValue(value); }
}
