namespace StackKit.Templates;

/// <summary>The <c>CreationPolicy</c> attribute: how many success signals to wait for, and how long.</summary>
public sealed class CreationPolicy : PropertyObject
{
    /// <summary><c>ResourceSignal</c>.</summary>
    public ResourceSignal? ResourceSignal { get => GetObject<ResourceSignal>(); set => SetObject(value); }
}
