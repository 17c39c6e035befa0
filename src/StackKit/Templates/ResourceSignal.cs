namespace StackKit.Templates;

/// <summary>The <c>ResourceSignal</c> of a creation policy.</summary>
public sealed class ResourceSignal : PropertyObject
{
    /// <summary>How many success signals must arrive.</summary>
    public Value<int>? Count { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How long to wait (at most 12 hours), written as an ISO 8601 duration: 15 minutes is <c>PT15M</c>.</summary>
    public Value<TimeSpan>? Timeout { get => GetValue<TimeSpan>(); set => SetValue(value); }
}
