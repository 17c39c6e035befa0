using System.Globalization;
using StackKit.HttpService;

namespace StackKit.Tests.HttpService;

/// <summary>Each option's example value (its declaration's Example, or the other truth value), as C# and PowerShell take it.</summary>
internal static class OptionExamples
{
    /// <summary>The example as the option's type; never its default.</summary>
    public static object Value(TemplateOption option) => option.Type switch
    {
        var type when type == typeof(bool) => !(bool)option.Default!,
        var type when type == typeof(int) => int.Parse(Required(option), CultureInfo.InvariantCulture),
        { IsEnum: true } => Enum.Parse(option.Type, Required(option)),
        _ when option.IsList => new[] { Required(option) },
        _ => Required(option),
    };

    /// <summary>
    /// Options with every example set, <paramref name="focus"/>'s among them; where two examples rule each other out
    /// (KeyApproval needs the key store that NoFleetKeyStore removes), the first other option whose default makes the
    /// set valid keeps its default.
    /// </summary>
    public static HttpServiceOptions All(TemplateOption focus)
    {
        var options = new HttpServiceOptions();
        foreach (var option in TemplateOption.All)
        {
            option.Set(options, Value(option));
        }
        if (IsValid(options))
        {
            return options;
        }
        foreach (var option in TemplateOption.All.Where(option => option != focus))
        {
            option.Set(options, option.Default);
            if (IsValid(options))
            {
                return options;
            }
            option.Set(options, Value(option));
        }
        throw new InvalidOperationException($"No valid set of examples has {focus.Name}'s.");
    }

    private static bool IsValid(HttpServiceOptions options)
    {
        try
        {
            options.Validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The example as C# source: <c>"text"</c>, <c>["a"]</c>, <c>true</c>, <c>LoadBalancerKind.Application</c>.</summary>
    public static string CSharp(TemplateOption option) => Value(option) switch
    {
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        Enum choice => $"{option.Type.Name}.{choice}",
        string[] items => $"[\"{string.Join("\", \"", items)}\"]",
        var text => $"\"{text}\"",
    };

    /// <summary>The example as PowerShell arguments: <c>-Name value</c>, or the switch alone.</summary>
    public static string PowerShell(TemplateOption option) => option.Shape switch
    {
        OptionParameterShape.Switch or OptionParameterShape.NegatedSwitch => $"-{option.ParameterName}",
        _ => $"-{option.ParameterName} {option.Example}",
    };

    private static string Required(TemplateOption option) =>
        option.Example ?? throw new InvalidOperationException($"{option.Name} declares no Example; the docs and the completeness tests need one.");
}
