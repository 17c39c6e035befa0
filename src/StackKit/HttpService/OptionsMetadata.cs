using StackKit.Templates;

namespace StackKit.HttpService;

/// <summary>
/// The options a template was built with, kept in its Metadata. CloudFormation keeps no record of them, and an update
/// that changes one option (HTTPS, the e-mail, the allowed addresses) rebuilds the stack's template from all the others.
/// Each <see cref="TemplateOption"/> is written by its type; an option that is null is left out.
/// </summary>
internal static class OptionsMetadata
{
    public const string Key = "StackKit::HttpServiceOptions";

    // What Write always gives: the options that are null when unset are left out, and the defaults have them unset.
    // Any other missing one would silently become its default, such as a narrowed address list becoming everyone,
    // unless the option is newer than the template: then it is what such a stack does (BeforeItExisted).
    private static readonly string[] Required =
        [.. TemplateOption.All.Where(option => !option.IsOptional && option.BeforeItExisted is null).Select(option => option.Name)];

    public static void Write(Template template, HttpServiceOptions options)
    {
        var built = options.AsBuilt();
        var entries = new ObjectExpression();
        foreach (var option in TemplateOption.All)
        {
            entries[option.Name] = option.Get(built) switch
            {
                null => null,
                IReadOnlyList<string> items => new ListExpression(items.Select(Literal.Of)),
                Enum choice => Literal.Of(choice.ToString()),
                var value => Literal.Of(value),
            };
        }
        template.Metadata[Key] = entries;
    }

    /// <summary>The options <paramref name="template"/> was built with, or null when it does not say.</summary>
    /// <exception cref="InvalidTemplateException">The metadata is there but not in the shape <see cref="Write"/> gives.</exception>
    public static HttpServiceOptions? Read(Template template)
    {
        if (template.Metadata[Key] is not { } section)
        {
            return null;
        }
        var entries = section as ObjectExpression ?? throw Malformed("is not a mapping");
        if (Required.FirstOrDefault(name => entries[name] is null) is { } missing)
        {
            throw Malformed($"has no {missing}");
        }
        var options = new HttpServiceOptions();
        foreach (var older in TemplateOption.All.Where(option => option.BeforeItExisted is not null && entries[option.Name] is null))
        {
            older.Set(options, older.BeforeItExisted);
        }
        foreach (var entry in entries.Entries)
        {
            // A newer StackKit's option: rebuilding without it would silently drop what it made.
            var option = TemplateOption.All.FirstOrDefault(option => option.Name == entry.Key)
                ?? throw Malformed($"has option '{entry.Key}', which this StackKit does not know; update with the StackKit that created the stack, or a newer one");
            option.Set(options, ValueOf(option, entry.Value));
        }
        return options;
    }

    private static object ValueOf(TemplateOption option, Expression value)
    {
        var name = option.Name;
        if (option.IsList)
        {
            return (value as ListExpression ?? throw Malformed($"has {name} that are not a list")).Items.Select(item => Text(name, item)).ToList();
        }
        if (option.Type == typeof(bool))
        {
            return value is Literal literal && literal.TryConvert<bool>(out var flag) ? flag : throw Malformed($"has a {name} that is not true or false");
        }
        if (option.Type == typeof(int))
        {
            return value is Literal literal && literal.TryConvert<int>(out var number) ? number : throw Malformed($"has a {name} that is no number");
        }
        if (option.Type.IsEnum)
        {
            var text = Text(name, value);
            return Enum.GetNames(option.Type).Contains(text, StringComparer.Ordinal) ? Enum.Parse(option.Type, text) : throw Malformed($"has {name} '{text}'");
        }
        return Text(name, value);
    }

    private static string Text(string name, Expression value) =>
        value is Literal { Value: string text } ? text : throw Malformed($"has a {name} that is not text");

    private static InvalidTemplateException Malformed(string what) => new($"The template's {Key} metadata {what}.");
}
