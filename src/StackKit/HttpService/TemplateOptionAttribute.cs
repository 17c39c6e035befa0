namespace StackKit.HttpService;

/// <summary>
/// Declares a property of <see cref="HttpServiceOptions"/> a template option: the property gives its name, type and
/// default; this gives the rest. Validation, the options metadata, update changes, the PowerShell parameters, their
/// help and the option tables in the docs are all derived from it (see <see cref="TemplateOption"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TemplateOptionAttribute(string help) : Attribute
{
    /// <summary>What the option does, in the present tense, ending with its default ("Default: ...").</summary>
    public string Help { get; } = help;

    /// <summary>The pattern each text value must match; null when the type alone says what is valid.</summary>
    public string? Pattern { get; set; }

    /// <summary>
    /// Why a value is refused and what to give instead; <c>{0}</c> is the value. The message starts with the option's
    /// name: "Name 'x' is not ...".
    /// </summary>
    public string? Refusal { get; set; }

    /// <summary>The smallest number the option takes (with <see cref="Maximum"/>).</summary>
    public int Minimum { get; set; } = int.MinValue;

    /// <summary>The largest number the option takes (with <see cref="Minimum"/>).</summary>
    public int Maximum { get; set; } = int.MaxValue;

    /// <summary>What an update of a running stack may do with the option.</summary>
    public OptionUpdate Update { get; set; }

    /// <summary>How PowerShell takes the option; <see cref="OptionParameterShape.None"/> leaves it out of the cmdlets.</summary>
    public OptionParameterShape Shape { get; set; }

    /// <summary>The PowerShell parameter's name where it differs from the option's (a singular, or a <c>No</c> switch).</summary>
    public string? ParameterName { get; set; }

    /// <summary>
    /// Whether the parameter has a parameter set of its own on cmdlets that have parameter sets (mandatory there),
    /// so that it excludes the parameters of the default set (-NoSshAccess excludes -SshKeyName).
    /// </summary>
    public bool OwnParameterSet { get; set; }

    /// <summary>The options that must be given too when this one is (by name).</summary>
    public string[] Requires { get; set; } = [];

    /// <summary>
    /// What a stack whose template was made before the option existed does, so that updating it keeps that behaviour
    /// (its metadata lacks the option); null when every template StackKit made has the option.
    /// </summary>
    public object? BeforeItExisted { get; set; }

    /// <summary>A value for the docs' examples, as PowerShell takes it (a switch needs none).</summary>
    public string? Example { get; set; }
}
