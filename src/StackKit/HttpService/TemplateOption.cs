using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace StackKit.HttpService;

/// <summary>
/// One template option as declared on <see cref="HttpServiceOptions"/> (a property with <see cref="TemplateOptionAttribute"/>):
/// its value on a set of options, its checks, and what the metadata, updates, cmdlets and docs make of it.
/// </summary>
internal sealed class TemplateOption
{
    private static readonly HttpServiceOptions Defaults = new();

    private readonly PropertyInfo _property;
    private readonly TemplateOptionAttribute _declaration;
    private readonly Regex? _pattern;

    private TemplateOption(PropertyInfo property, TemplateOptionAttribute declaration)
    {
        _property = property;
        _declaration = declaration;
        _pattern = declaration.Pattern is null ? null : new Regex(declaration.Pattern, RegexOptions.CultureInvariant);
    }

    /// <summary>Every option, in the order <see cref="HttpServiceOptions"/> declares them.</summary>
    public static IReadOnlyList<TemplateOption> All { get; } =
    [
        .. typeof(HttpServiceOptions).GetProperties()
            .OrderBy(property => property.MetadataToken)
            .Select(property => (property, declaration: property.GetCustomAttribute<TemplateOptionAttribute>()))
            .Where(pair => pair.declaration is not null)
            .Select(pair => new TemplateOption(pair.property, pair.declaration!)),
    ];

    /// <summary>The option's name: its property's on <see cref="HttpServiceOptions"/>.</summary>
    public string Name => _property.Name;

    /// <summary>The option's type: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, an enum, or a list of strings.</summary>
    public Type Type => _property.PropertyType;

    /// <summary>Whether the option is a list of strings.</summary>
    public bool IsList => Type == typeof(IReadOnlyList<string>);

    /// <summary>The value of new options.</summary>
    public object? Default => Get(Defaults);

    /// <summary>Whether the option may be null: those whose default is null.</summary>
    public bool IsOptional => Default is null;

    /// <summary>What a stack made before the option existed does; null when every StackKit template has the option.</summary>
    public object? BeforeItExisted => _declaration.BeforeItExisted;

    /// <summary>What the option does (present tense).</summary>
    public string Help => _declaration.Help;

    /// <summary>What an update may do with the option.</summary>
    public OptionUpdate Update => _declaration.Update;

    /// <summary>How the cmdlets take the option.</summary>
    public OptionParameterShape Shape => _declaration.Shape;

    /// <summary>The cmdlets' parameter name.</summary>
    public string ParameterName => _declaration.ParameterName ?? Name;

    /// <summary>Whether the parameter has a parameter set of its own where the cmdlet has sets.</summary>
    public bool OwnParameterSet => _declaration.OwnParameterSet;

    /// <summary>A value for examples, as PowerShell takes it; null for a switch.</summary>
    public string? Example => _declaration.Example;

    /// <summary>The options that must be given too when this one is.</summary>
    public IEnumerable<TemplateOption> Requires => _declaration.Requires.Select(Named);

    /// <summary>The option whose property is named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No option has that name.</exception>
    public static TemplateOption Named(string name) =>
        All.FirstOrDefault(option => option.Name == name)
        ?? throw new ArgumentException($"'{name}' is not a template option; the options are {string.Join(", ", All.Select(option => option.Name))}.", nameof(name));

    /// <summary>The option's value on <paramref name="options"/>.</summary>
    public object? Get(HttpServiceOptions options) => _property.GetValue(options);

    /// <summary>Sets the option's value on <paramref name="options"/>; an array is taken for a list.</summary>
    public void Set(HttpServiceOptions options, object? value) => _property.SetValue(options, value);

    /// <summary>The default as people read it: none, a word, or a list joined by commas.</summary>
    public string DefaultText => Default switch
    {
        null => "none",
        IReadOnlyList<string> items => string.Join(", ", items),
        bool flag => flag ? "true" : "false",
        var value => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>Checks a value of the option on its own (the rules between options aside).</summary>
    /// <exception cref="ArgumentException">The value is refused; the message says why and what to give, and ParamName is the option's name.</exception>
    public void Check(object? value)
    {
        if (Refusal(value) is { } refusal)
        {
            throw new ArgumentException(refusal, Name);
        }
    }

    /// <summary>Checks that the options this one requires are given when it is.</summary>
    /// <exception cref="ArgumentException">One is missing; the message names them all.</exception>
    public void CheckRequirements(HttpServiceOptions options)
    {
        if (IsGiven(Get(options)) && Requires.Any(required => !IsGiven(required.Get(options))))
        {
            throw new ArgumentException($"{Name} needs {string.Join(" and ", Requires.Select(required => required.Name))}; give them too, or leave out {Name}.", Name);
        }
    }

    /// <summary>Checks one text value as it comes from a cmdlet's parameter: the option's value, or one item of a list.</summary>
    /// <exception cref="ArgumentException">The value is refused, in the words of <see cref="Check"/>.</exception>
    public void CheckText(string value) => Check(IsList ? new[] { value } : value);

    private string? Refusal(object? value)
    {
        switch (value)
        {
            case null when IsOptional || IsList:
                return null;
            case Enum when !Enum.IsDefined(Type, value):
                return $"{Name} {Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a {Type.Name}; use {string.Join(" or ", Enum.GetNames(Type))}.";
            case int number when number < _declaration.Minimum || number > _declaration.Maximum:
                return $"{Name} {Format(number)}";
            case IReadOnlyList<string> items:
                return items.Where(item => !Matches(item)).Select(item => $"{Name}: {Format(item)}").FirstOrDefault();
            case string or null when !Matches(value as string):
                return $"{Name} {Format(value)}";
            default:
                return null;
        }
    }

    private static bool IsGiven(object? value) => value is not (null or false);

    private bool Matches(string? text) => _pattern is null || (text is not null && _pattern.IsMatch(text));

    private string Format(object? value) => string.Format(CultureInfo.InvariantCulture, _declaration.Refusal ?? "'{0}' is not a value it takes.", value);
}
