using StackKit.Templates;

namespace StackKit.Resources;

/// <summary>A key and value attached to a resource.</summary>
public sealed class Tag : PropertyObject
{
    /// <summary>The key.</summary>
    public Value<string>? Key { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>The value.</summary>
    public Value<string>? Value { get => GetValue<string>(); set => SetValue(value); }
}
