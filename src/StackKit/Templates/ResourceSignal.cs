namespace StackKit.Templates;

/// <summary>The <c>ResourceSignal</c> of a creation policy.</summary>
public sealed class ResourceSignal : PropertyObject
{
    /// <summary>How many success signals must arrive.</summary>
    public Value<int>? Count { get => GetValue<int>(); set => SetValue(value); }

    /// <summary>How long to wait, as an ISO 8601 duration (<c>PT15M</c>).</summary>
    public Value<string>? Timeout { get => GetValue<string>(); set => SetValue(value); }
}
