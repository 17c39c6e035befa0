namespace StackKit.Aws.CloudFormation;

/// <summary>What CloudFormation's ValidateTemplate says about a template.</summary>
/// <param name="Description">The template's description.</param>
/// <param name="ParameterNames">The parameters the template declares.</param>
/// <param name="Capabilities">Capabilities (e.g. <c>CAPABILITY_IAM</c>) a create or update must acknowledge.</param>
internal sealed record TemplateValidation(string? Description, IReadOnlyList<string> ParameterNames, IReadOnlyList<string> Capabilities);
