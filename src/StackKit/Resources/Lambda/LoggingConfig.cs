using StackKit.Templates;

namespace StackKit.Resources.Lambda;

/// <summary>Where a function's output goes and in what form.</summary>
public sealed class LoggingConfig : PropertyObject
{
    /// <summary>The log group's name (default: <c>/aws/lambda/</c> and the function's name).</summary>
    public Value<string>? LogGroup { get => GetValue<string>(); set => SetValue(value); }

    /// <summary><c>Text</c>: each line as the function prints it; <c>JSON</c>: wrapped in Lambda's JSON records.</summary>
    public Value<string>? LogFormat { get => GetValue<string>(); set => SetValue(value); }
}
