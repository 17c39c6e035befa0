using StackKit.Resources.AutoScaling;

namespace StackKit.Templates;

/// <summary>The rolling update policy of an auto scaling group.</summary>
public sealed class AutoScalingRollingUpdate : PropertyObject
{
    /// <summary>Instances kept in service while others are replaced.</summary>
    public Value<int>? MinInstancesInService { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Instances replaced at once.</summary>
    public Value<int>? MaxBatchSize { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How long to wait for each batch's signals (at most 1 hour), written as an ISO 8601 duration: <c>PT15M</c>.</summary>
    public Value<TimeSpan>? PauseTime { get => GetValue<TimeSpan>(); set => SetValue(value); }

    /// <summary>Whether new instances must signal success before the update goes on.</summary>
    public Value<bool>? WaitOnResourceSignals { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Auto Scaling processes suspended during the update, e.g. <see cref="ScalingProcess.AlarmNotification"/>.</summary>
    public ValueList<ScalingProcess>? SuspendProcesses { get => GetList<ScalingProcess>(); set => SetList(value); }
}
