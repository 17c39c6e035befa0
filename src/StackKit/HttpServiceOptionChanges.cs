using System.Linq.Expressions;
using System.Reflection;
using StackKit.HttpService;

namespace StackKit;

/// <summary>
/// Changes to a running stack's template options, for <see cref="HttpServiceStackUpdate.Options"/>: each option named
/// is set or removed, every other keeps its value. The stack's template is rebuilt from the options it was created
/// with (kept in its metadata) and these _changes.
/// </summary>
public sealed class HttpServiceOptionChanges
{
    private readonly List<OptionChange> _changes = [];

    /// <summary>How many options change.</summary>
    public int Count => _changes.Count;

    /// <summary>Gives the option a new value; a later change of the same option replaces this one.</summary>
    /// <param name="option">The option, as a property of <see cref="HttpServiceOptions"/>: <c>o => o.Name</c>.</param>
    /// <param name="value">The new value; it is checked with the other options before anything is sent.</param>
    /// <returns>These _changes.</returns>
    /// <exception cref="ArgumentException">The expression names no option, or the option is fixed when a stack is created.</exception>
    public HttpServiceOptionChanges Set<T>(Expression<Func<HttpServiceOptions, T>> option, T value)
    {
        var named = OptionOf(option);
        if (named.Update == OptionUpdate.Fixed)
        {
            throw new ArgumentException($"{named.Name} is chosen when a stack is created; an update cannot change it. Create a new stack with it.", nameof(option));
        }
        return Add(new OptionChange(named, Removes: false, value));
    }

    /// <summary>Removes the option, as if the stack had been created without it.</summary>
    /// <param name="option">The option, as a property of <see cref="HttpServiceOptions"/>: <c>o => o.Name</c>.</param>
    /// <returns>These _changes.</returns>
    /// <exception cref="ArgumentException">The expression names no option, or the option cannot be removed (only set).</exception>
    public HttpServiceOptionChanges Remove<T>(Expression<Func<HttpServiceOptions, T>> option)
    {
        var named = OptionOf(option);
        if (named.Update != OptionUpdate.SetOrRemove)
        {
            throw new ArgumentException($"{named.Name} cannot be removed, only set to a new value.", nameof(option));
        }
        return Add(new OptionChange(named, Removes: true, Value: null));
    }

    /// <inheritdoc />
    public override string ToString() => Describe(option => option.Name);

    /// <summary>The changes in a line ("Name=value, no Other"), each option named by <paramref name="nameOf"/>.</summary>
    internal string Describe(Func<TemplateOption, string> nameOf) =>
        string.Join(", ", _changes.Select(change => change.Removes ? $"no {nameOf(change.Option)}" : $"{nameOf(change.Option)}={Text(change.Value)}"));

    /// <summary>Adds a change from a cmdlet, which names the option already.</summary>
    internal HttpServiceOptionChanges Add(OptionChange change)
    {
        _changes.RemoveAll(existing => existing.Option == change.Option);
        _changes.Add(change);
        return this;
    }

    /// <summary>The stack's options with these changes; <paramref name="current"/> is changed and returned.</summary>
    /// <exception cref="ArgumentException">The options that result are invalid (the message names the option).</exception>
    internal HttpServiceOptions ApplyTo(HttpServiceOptions current)
    {
        foreach (var change in _changes)
        {
            change.Option.Set(current, change.Removes ? change.Option.Default : change.Value);
        }
        current.Validate();
        return current;
    }

    private static string Text(object? value) => value switch
    {
        IEnumerable<string> items => string.Join(",", items),
        null => "",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static TemplateOption OptionOf(LambdaExpression option)
    {
        var body = option.Body is UnaryExpression { NodeType: ExpressionType.Convert } conversion ? conversion.Operand : option.Body;
        return body is MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression } && property.DeclaringType == typeof(HttpServiceOptions)
            ? TemplateOption.Named(property.Name)
            : throw new ArgumentException($"'{option}' does not name an option; name one as a property of HttpServiceOptions, such as o => o.{TemplateOption.All[0].Name}.", nameof(option));
    }
}
