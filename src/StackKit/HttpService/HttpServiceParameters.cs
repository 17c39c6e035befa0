using System.Text.RegularExpressions;
using StackKit.Preflight;
using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// Checks parameter values against what the template declares (name, allowed pattern, allowed values), so a bad
/// value is reported before any call to AWS, in the template's own words.
/// </summary>
internal static class HttpServiceParameters
{
    /// <summary>Every template parameter with a value: the given one, else the template's default.</summary>
    /// <exception cref="ArgumentException">A name the template does not declare, or a value it would reject.</exception>
    public static Dictionary<string, string> Complete(Template template, IReadOnlyDictionary<string, string> given)
    {
        Check(template, given);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in template.Parameters)
        {
            // Every value is passed explicitly, defaults included: later updates then keep them with UsePreviousValue.
            values[parameter.LogicalId] = given.TryGetValue(parameter.LogicalId, out var value)
                ? value
                : parameter.Default ?? throw new ArgumentException(
                    $"{HttpServiceStackValues.PropertyOf(parameter.LogicalId)} is required: {parameter.Description}.", HttpServiceStackValues.PropertyOf(parameter.LogicalId));
        }
        return values;
    }

    /// <summary>Checks the given values only.</summary>
    /// <exception cref="ArgumentException">A name the template does not declare, or a value it would reject.</exception>
    public static void Check(Template template, IReadOnlyDictionary<string, string> given)
    {
        foreach (var pair in given)
        {
            var property = HttpServiceStackValues.PropertyOf(pair.Key);
            var parameter = template.Parameters.FirstOrDefault(p => p.LogicalId == pair.Key)
                ?? throw new ArgumentException(
                    $"{property} is set, but the stack's template has no {pair.Key} (a template without SSH access has no SSH key or CIDR); leave {property} unset.",
                    property);
            // A secret's value is never repeated in an error message.
            var shown = parameter.NoEcho ? "The given value" : $"'{pair.Value}'";
            if (parameter.AllowedValues.Count > 0 && !parameter.AllowedValues.Contains(pair.Value))
            {
                throw new ArgumentException(
                    $"{shown} is not a valid {pair.Key}; use one of {string.Join(", ", parameter.AllowedValues)}.", property);
            }
            // An empty value means "not set" for the optional parameters (AmiId, SshKeyName), which allow it in their pattern.
            if (parameter.AllowedPattern is { } pattern && !Regex.IsMatch(pair.Value, pattern, RegexOptions.CultureInvariant))
            {
                throw new ArgumentException(
                    $"{shown} is not a valid {pair.Key}: {parameter.ConstraintDescription ?? "it must match " + pattern}.", property);
            }
            // The template's pattern is loose; Docker's grammar is the one every server's pull applies.
            if (pair.Key == HttpServiceNames.DockerImage)
            {
                try
                {
                    ImageReference.Parse(pair.Value);
                }
                catch (FormatException refused)
                {
                    throw new ArgumentException($"{shown} is not an image reference Docker can pull: {refused.Message}", property, refused);
                }
            }
        }
    }
}
