using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>An SNS topic a group notifies, and of what (<c>autoscaling:EC2_INSTANCE_LAUNCH_ERROR</c>, ...).</summary>
public sealed class NotificationConfiguration : PropertyObject
{
    /// <summary>The topic's ARN.</summary>
    public Value<string>? TopicARN { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The events, e.g. <c>autoscaling:EC2_INSTANCE_LAUNCH_ERROR</c>.</summary>
    public ValueList<string>? NotificationTypes { get => GetList<string>(); set => SetList(value); }
}
