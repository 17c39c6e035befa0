using StackKit.Templates;

namespace StackKit.Resources.Lambda;

/// <summary>A function's environment.</summary>
public sealed class FunctionEnvironment : PropertyObject
{
    /// <summary>The variables, by name.</summary>
    public ObjectExpression? Variables { get => Properties[nameof(Variables)] as ObjectExpression; set => Properties[nameof(Variables)] = value; }
}
