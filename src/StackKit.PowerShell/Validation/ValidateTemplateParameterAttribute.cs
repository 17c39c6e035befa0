using System.Management.Automation;
using StackKit.HttpService;
using StackKit.Templates;

namespace StackKit.PowerShell.Validation;

/// <summary>
/// Refuses, at binding, a value the HTTP service template would refuse for one of its parameters: the template's own
/// pattern and words, so the cmdlet and a CloudFormation deploy of templates/http-service.json agree. A Docker image
/// reference is also parsed by the distribution spec's grammar (lower-case repository path, tag, digest).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateTemplateParameterAttribute(string parameterName) : ValidateArgumentsAttribute
{
    // Every parameter is declared by the full template (SSH and key store included).
    private static readonly Lazy<Template> FullTemplate = new(() => HttpServiceTemplate.Build(new HttpServiceOptions()));

    /// <summary>The template parameter the value is for, e.g. DockerImage.</summary>
    public string ParameterName { get; } = parameterName;

    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        foreach (var value in BindingArguments.Strings(arguments))
        {
            Check(value);
        }
    }

    /// <summary>Throws the binding error for a value the template refuses.</summary>
    internal void Check(string value)
    {
        BindingArguments.Check(() => HttpServiceParameters.Check(FullTemplate.Value, new Dictionary<string, string> { [ParameterName] = value }));
    }
}
