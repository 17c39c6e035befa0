namespace StackKit.Templates;

/// <summary>Writes templates as JSON or YAML, after checking them. The same template always gives the same text.</summary>
public static class TemplateWriter
{
    /// <summary>The template as indented JSON.</summary>
    /// <exception cref="InvalidTemplateException">The template has a dangling reference, a duplicate id or a cycle.</exception>
    public static string ToJson(Template template) => JsonTemplateFormat.Write(Document(template));

    /// <summary>
    /// The template as CloudFormation is sent it (TemplateBody): JSON without indentation, a third smaller, as
    /// CloudFormation takes at most 51,200 bytes inline and the template carries its options and deploy history.
    /// </summary>
    /// <exception cref="InvalidTemplateException">The template has a dangling reference, a duplicate id or a cycle.</exception>
    internal static string ToBody(Template template) => JsonTemplateFormat.WriteCompact(Document(template));

    /// <summary>The template as YAML with CloudFormation short-form tags.</summary>
    /// <exception cref="InvalidTemplateException">The template has a dangling reference, a duplicate id or a cycle.</exception>
    public static string ToYaml(Template template) => YamlTemplateFormat.Write(Document(template));

    private static ObjectExpression Document(Template template)
    {
        (template ?? throw new ArgumentNullException(nameof(template))).Validate();
        return TemplateDocument.ToExpression(template);
    }
}
