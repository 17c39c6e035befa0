using System.Management.Automation;
using StackKit.HttpService;

namespace StackKit.PowerShell.Validation;

/// <summary>
/// Refuses, at binding, a value a template option would refuse, in the core's words, so -WhatIf and try/catch see
/// what the real run would refuse. An empty string passes: on Update it removes the option.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateTemplateOptionAttribute(string optionName) : ValidateArgumentsAttribute
{
    /// <summary>The <see cref="HttpServiceOptions"/> property the value is for.</summary>
    public string OptionName { get; } = optionName;

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var option = TemplateOption.Named(OptionName);
        foreach (var value in BindingArguments.Strings(arguments).Where(value => value.Length > 0))
        {
            BindingArguments.Check(() => option.CheckText(value));
        }
    }
}
