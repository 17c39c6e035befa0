using System.Management.Automation;
using StackKit.Stacks;

namespace StackKit.PowerShell.Validation;

/// <summary>
/// Refuses a stack name CloudFormation would refuse, at binding: the command then stops before it runs (try/catch
/// and -ErrorAction Stop see it, -WhatIf never "would create" it). Wildcards pass where the parameter takes them.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateStackNameAttribute : ValidateArgumentsAttribute
{
    /// <summary>Whether a name with wildcard characters is a pattern to match rather than a name.</summary>
    public bool AllowWildcards { get; set; }

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        foreach (var name in BindingArguments.Strings(arguments))
        {
            if (AllowWildcards && WildcardPattern.ContainsWildcardCharacters(name))
            {
                continue;
            }
            BindingArguments.Check(() => StackInputRules.CheckStackName(name, "StackName"));
        }
    }
}
