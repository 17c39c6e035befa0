using System.Management.Automation;

namespace StackKit.PowerShell;

/// <summary>ShouldProcess with -Force: -Force skips the prompt, never -WhatIf.</summary>
internal static class ForcedShouldProcess
{
    /// <summary>
    /// ShouldProcess, except that <paramref name="force"/> skips the prompt; -WhatIf (typed or inherited) still only
    /// describes, and -Verbose still shows the "Performing the operation" line PowerShell writes for an operation it
    /// goes ahead with.
    /// </summary>
    public static bool Decide(PSCmdlet cmdlet, bool force, string target, string action)
    {
        if (!force || WhatIfInEffect(cmdlet))
        {
            return cmdlet.ShouldProcess(target, action);
        }
        cmdlet.WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
        return true;
    }

    /// <summary>Whether -WhatIf is in effect, typed here or inherited as $WhatIfPreference (so -Force never skips it).</summary>
    public static bool WhatIfInEffect(PSCmdlet cmdlet) =>
        cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : LanguagePrimitives.IsTrue(cmdlet.GetVariableValue("WhatIfPreference"));
}
