namespace StackKit.Templates;

/// <summary>Reads a JSON or YAML template (long and short intrinsic forms) into the model, then checks it.</summary>
public static class TemplateReader
{
    /// <summary>Parses <paramref name="jsonOrYaml"/>; JSON is recognised by its leading <c>{</c>.</summary>
    /// <exception cref="InvalidTemplateException">The text is not a template StackKit can read, or the template is invalid.</exception>
    public static Template Parse(string jsonOrYaml)
    {
        if (string.IsNullOrWhiteSpace(jsonOrYaml))
        {
            throw new InvalidTemplateException("The template text is empty.");
        }
        var document = jsonOrYaml.TrimStart()[0] == '{'
            ? JsonTemplateFormat.Read(jsonOrYaml)
            : YamlTemplateFormat.Read(jsonOrYaml);
        var template = TemplateDocument.FromExpression(
            document as ObjectExpression ?? throw new InvalidTemplateException("A template is a mapping of sections (Parameters, Resources, …)."));
        template.Validate();
        return template;
    }
}
