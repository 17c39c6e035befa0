namespace StackKit.Templates;

/// <summary>The <c>UpdatePolicy</c> attribute.</summary>
public sealed class UpdatePolicy : PropertyObject
{
    /// <summary><c>AutoScalingRollingUpdate</c>: replace instances in batches.</summary>
    public AutoScalingRollingUpdate? AutoScalingRollingUpdate { get => GetObject<AutoScalingRollingUpdate>(); set => SetObject(value); }
}
