using StackKit.Templates;

namespace StackKit.Resources.Lambda;

/// <summary>A function's code.</summary>
public sealed class FunctionCode : PropertyObject
{
    /// <summary>The source of a Python or Node.js function, inline (at most 4,096 characters).</summary>
    public Value<string>? ZipFile { get => GetValue<string>(); set => SetValue(value); }
}
