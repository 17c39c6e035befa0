using System.Collections.ObjectModel;
using System.Management.Automation;
using StackKit.HttpService;
using StackKit.PowerShell.Validation;

namespace StackKit.PowerShell;

/// <summary>
/// The template options as a cmdlet's dynamic parameters, made from their declarations (<see cref="TemplateOption"/>):
/// name, type, help, validation at binding and parameter set. New-HttpServiceStack and Export-HttpServiceTemplate take
/// every option the cmdlets take; Update-HttpServiceStack those an update may change, where '' removes a removable one.
/// </summary>
internal sealed class TemplateOptionParameters
{
    private readonly bool _update;
    private readonly Dictionary<string, TemplateOption> _options = new(StringComparer.OrdinalIgnoreCase);

    private TemplateOptionParameters(bool update, bool withParameterSets)
    {
        _update = update;
        foreach (var option in TemplateOption.All.Where(option => option.Shape != OptionParameterShape.None && (!update || option.Update != OptionUpdate.Fixed)))
        {
            _options[option.ParameterName] = option;
            Parameters.Add(option.ParameterName, new RuntimeDefinedParameter(option.ParameterName, TypeOf(option), Attributes(option, update, withParameterSets)));
        }
    }

    /// <summary>What GetDynamicParameters returns; PowerShell binds the values into it.</summary>
    public RuntimeDefinedParameterDictionary Parameters { get; } = [];

    /// <summary>The options' parameters of a cmdlet that builds a template; <paramref name="withParameterSets"/> when it has parameter sets.</summary>
    public static TemplateOptionParameters ForTemplate(bool withParameterSets) => new(update: false, withParameterSets);

    /// <summary>The options' parameters of Update-HttpServiceStack.</summary>
    public static TemplateOptionParameters ForUpdate() => new(update: true, withParameterSets: false);

    /// <summary>Sets the options given on <paramref name="target"/> and returns it.</summary>
    public HttpServiceOptions ApplyTo(HttpServiceOptions target)
    {
        foreach (var (option, value) in Given())
        {
            option.Set(target, option.Shape switch
            {
                OptionParameterShape.NegatedSwitch => !((SwitchParameter)value!).IsPresent,
                OptionParameterShape.Switch => ((SwitchParameter)value!).IsPresent,
                _ => value,
            });
        }
        return target;
    }

    /// <summary>The changes the update names: a value sets, '' removes, -Switch:$false turns off, -NoSwitch turns off.</summary>
    public HttpServiceOptionChanges Changes()
    {
        var changes = new HttpServiceOptionChanges();
        foreach (var (option, value) in Given())
        {
            changes.Add(value switch
            {
                "" => new OptionChange(option, Removes: true, Value: null),
                SwitchParameter flag => new OptionChange(option, Removes: false, flag.IsPresent != (option.Shape == OptionParameterShape.NegatedSwitch)),
                _ => new OptionChange(option, Removes: false, value),
            });
        }
        return changes;
    }

    /// <summary>The options the update names, as -WhatIf and -Confirm show them ("Name=value, no Other").</summary>
    public string DescribeChanges() => Changes().Describe(option => option.ParameterName);

    /// <summary>The parameters' names with their dash, for sentences that list them.</summary>
    public IEnumerable<string> Names => Parameters.Keys.Select(name => "-" + name);

    private IEnumerable<(TemplateOption Option, object? Value)> Given() =>
        Parameters.Values.Where(parameter => parameter.IsSet).Select(parameter => (_options[parameter.Name], parameter.Value is PSObject wrapped ? wrapped.BaseObject : (object?)parameter.Value));

    private static Type TypeOf(TemplateOption option) => option.Shape switch
    {
        OptionParameterShape.Switch or OptionParameterShape.NegatedSwitch => typeof(SwitchParameter),
        _ when option.IsList => typeof(string[]),
        _ => option.Type,
    };

    private static Collection<Attribute> Attributes(TemplateOption option, bool update, bool withParameterSets)
    {
        var parameter = new ParameterAttribute { HelpMessage = HelpOf(option, update) };
        if (option.OwnParameterSet && withParameterSets)
        {
            (parameter.ParameterSetName, parameter.Mandatory) = (option.ParameterName, true);
        }
        var attributes = new Collection<Attribute> { parameter };
        if (option.Type == typeof(string) || option.IsList)
        {
            attributes.Add(update && option.Update == OptionUpdate.SetOrRemove ? new AllowEmptyStringAttribute() : new ValidateNotNullOrEmptyAttribute());
            attributes.Add(new ValidateTemplateOptionAttribute(option.Name));
        }
        return attributes;
    }

    // The help Get-Help shows: scripts/Build-CmdletHelp.ps1 reads it from the parameter's HelpMessage.
    private static string HelpOf(TemplateOption option, bool update) => (update, option.Shape, option.Update) switch
    {
        (true, OptionParameterShape.Switch, _) => $"{option.Help} -{option.ParameterName}:$false turns it off.",
        (true, OptionParameterShape.NegatedSwitch, _) => $"Leaves out {LeadingLowerCase(option.Help)} -{option.ParameterName}:$false brings it back.",
        (true, _, OptionUpdate.SetOrRemove) => $"{option.Help} An empty string removes it.",
        (true, _, _) => option.Help,
        (false, OptionParameterShape.Value, _) => $"{option.Help} Default: {option.DefaultText}.",
        (false, OptionParameterShape.NegatedSwitch, _) => $"Leaves out {LeadingLowerCase(option.Help)}",
        _ => option.Help,
    };

    // "The containers' output ..." becomes "the containers' output ...", and "SSH into ..." stays as it is.
    private static string LeadingLowerCase(string text) =>
        text.Length > 1 && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text.Substring(1) : text;
}
