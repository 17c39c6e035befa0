using StackKit.Templates;

namespace StackKit.Resources.AutoScaling;

/// <summary>How a group changes size when an alarm invokes it. (<c>AWS::AutoScaling::ScalingPolicy</c>)</summary>
public sealed class ScalingPolicy : Resource
{
    /// <summary>The CloudFormation type.</summary>
    public const string TypeName = "AWS::AutoScaling::ScalingPolicy";

    /// <summary>A ScalingPolicy with this logical id.</summary>
    public ScalingPolicy(string logicalId)
        : base(logicalId, TypeName)
    {
    }

    /// <summary>The group.</summary>
    public Value<string>? AutoScalingGroupName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>SimpleScaling</c>, <c>StepScaling</c>, <c>TargetTrackingScaling</c>…</summary>
    public Value<PolicyType>? PolicyType { get => GetValue<PolicyType>(); set => SetValue(value); }

    /// <summary><c>ChangeInCapacity</c>, <c>ExactCapacity</c> or <c>PercentChangeInCapacity</c>.</summary>
    public Value<AdjustmentType>? AdjustmentType { get => GetValue<AdjustmentType>(); set => SetValue(value); }

    /// <summary>The change (with <c>ChangeInCapacity</c>, instances to add; negative removes).</summary>
    public Value<int>? ScalingAdjustment { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>A step scaling policy's changes, by the alarm's value.</summary>
    public IReadOnlyList<StepAdjustment>? StepAdjustments { get => GetObjects<StepAdjustment>(); set => SetObjects(value); }

    /// <summary>How a step scaling policy aggregates the alarm's metric: <c>Minimum</c>, <c>Maximum</c> or <c>Average</c>.</summary>
    public Value<string>? MetricAggregationType { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Seconds after a change before simple scaling acts again.</summary>
    public Value<int>? Cooldown { get => GetValue<int>(); set => SetAsString(value); }

    /// <summary>A target tracking policy's goal.</summary>
    public TargetTrackingConfiguration? TargetTrackingConfiguration { get => GetObject<TargetTrackingConfiguration>(); set => SetObject(value); }

    /// <summary>The policy ARN an alarm action names (its <c>Ref</c>).</summary>
    public Value<string> PolicyArn => Ref;
}
