using System.Text;
using System.Text.RegularExpressions;

namespace StackKit.Stacks;

/// <summary>
/// CloudFormation's rules for names, parameters and template size, checked before any call so a typo costs
/// nothing and says exactly what is wrong.
/// </summary>
internal static class StackInputRules
{
    /// <summary>CloudFormation's limit for a template passed inline (TemplateBody).</summary>
    public const int MaxTemplateBodyBytes = 51_200;

    private static readonly Regex StackName = new("^[A-Za-z][A-Za-z0-9-]{0,127}$", RegexOptions.CultureInvariant);
    private static readonly Regex ParameterKey = new("^[A-Za-z0-9]{1,255}$", RegexOptions.CultureInvariant);

    public static void CheckStackName(string? name, string argumentName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A stack name is required.", argumentName);
        }
        if (!StackName.IsMatch(name))
        {
            throw new ArgumentException(
                $"Stack name '{name}' is not valid: a stack name starts with a letter and has only letters, digits and hyphens, " +
                "at most 128 characters.", argumentName);
        }
    }

    public static void CheckParameters(IReadOnlyDictionary<string, string> parameters, string argumentName)
    {
        foreach (var parameter in parameters)
        {
            if (!ParameterKey.IsMatch(parameter.Key))
            {
                throw new ArgumentException(
                    $"Parameter name '{parameter.Key}' is not valid: template parameter names are letters and digits only.", argumentName);
            }
            if (parameter.Value is null)
            {
                throw new ArgumentException($"Parameter '{parameter.Key}' has no value; give it one or leave it out.", argumentName);
            }
        }
    }

    public static void CheckTemplateBody(string? templateBody, string argumentName)
    {
        if (string.IsNullOrWhiteSpace(templateBody))
        {
            throw new ArgumentException("The template body is empty; pass the template's JSON or YAML text.", argumentName);
        }
        var size = Encoding.UTF8.GetByteCount(templateBody);
        if (size > MaxTemplateBodyBytes)
        {
            throw new ArgumentException(
                $"The template is {size} bytes; CloudFormation accepts at most {MaxTemplateBodyBytes} bytes inline. Nothing was sent. Shorten it: in a StackKit template, " +
                "the list options are written several times each, so fewer or shorter AllowedCidrs and PullRepositoryArns make it smaller.",
                argumentName);
        }
    }

    public static void CheckTags(IReadOnlyDictionary<string, string> tags, string argumentName)
    {
        foreach (var tag in tags)
        {
            if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || tag.Key == StackKitTags.ManagedBy)
            {
                throw new ArgumentException($"Tag '{tag.Key}' is reserved (by AWS or by StackKit); use another key.", argumentName);
            }
        }
    }
}
