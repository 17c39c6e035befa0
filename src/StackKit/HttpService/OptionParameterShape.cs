namespace StackKit.HttpService;

/// <summary>How a template option appears among the PowerShell cmdlets' parameters.</summary>
internal enum OptionParameterShape
{
    /// <summary>Not a cmdlet parameter: C# only.</summary>
    None,

    /// <summary>A parameter of the option's type (an array for a list).</summary>
    Value,

    /// <summary>A switch that sets a true/false option; on Update, -Name:$false sets it false.</summary>
    Switch,

    /// <summary>A <c>-No...</c> switch that turns off an option that is on by default.</summary>
    NegatedSwitch,
}
