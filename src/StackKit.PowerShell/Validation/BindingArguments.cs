using System.Collections;
using System.Management.Automation;

namespace StackKit.PowerShell.Validation;

/// <summary>What the validation attributes share: the bound value as strings, and the core's refusal as a binding error.</summary>
internal static class BindingArguments
{
    /// <summary>A single value or each item of an array, unwrapped from PSObject.</summary>
    public static IEnumerable<string> Strings(object? arguments)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is string single)
        {
            yield return single;
            yield break;
        }
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                if ((item is PSObject inner ? inner.BaseObject : item) is string text)
                {
                    yield return text;
                }
            }
        }
    }

    /// <summary>Runs one of the core's checks; its ArgumentException becomes the binding error, in the core's words.</summary>
    public static void Check(Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException refused)
        {
            throw new ValidationMetadataException(UserMessage(refused));
        }
        catch (FormatException refused)
        {
            throw new ValidationMetadataException(refused.Message);
        }
    }

    /// <summary>The message for the person at the prompt, without the C# parameter name .NET appends.</summary>
    public static string UserMessage(ArgumentException error) =>
        error.ParamName is null ? error.Message : error.Message.Replace($" (Parameter '{error.ParamName}')", string.Empty);
}
