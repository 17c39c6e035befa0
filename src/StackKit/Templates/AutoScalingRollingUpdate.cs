namespace StackKit.Templates;

/// <summary>The rolling update policy of an auto scaling group.</summary>
public sealed class AutoScalingRollingUpdate : PropertyObject
{
    /// <summary>Instances kept in service while others are replaced.</summary>
    public Value<int>? MinInstancesInService { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>Instances replaced at once.</summary>
    public Value<int>? MaxBatchSize { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How long to wait for each batch's signals (ISO 8601 duration).</summary>
    public Value<string>? PauseTime { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether new instances must signal success before the update goes on.</summary>
    public Value<bool>? WaitOnResourceSignals { get => GetValue<bool>(); set => SetValue(value); }

    /// <summary>Auto Scaling processes suspended during the update, e.g. AlarmNotification.</summary>
    public ValueList<string>? SuspendProcesses { get => GetList<string>(); set => SetList(value); }
}
