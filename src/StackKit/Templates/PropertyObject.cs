using System.Globalization;
using System.Runtime.CompilerServices;

namespace StackKit.Templates;

/// <summary>
/// Base of resources and their nested property types: typed properties over one ordered
/// <see cref="ObjectExpression"/>. Properties nobody typed (read from a file) stay in it, so nothing is lost.
/// </summary>
public abstract class PropertyObject
{
    /// <summary>The properties as written.</summary>
    public ObjectExpression Properties { get; private set; } = new();

    internal void Bind(ObjectExpression properties) => Properties = properties;

    /// <summary>Reads a scalar property.</summary>
    protected Value<T>? GetValue<T>([CallerMemberName] string name = "") =>
        Properties[name] is { } expression ? new Value<T>(expression) : null;

    /// <summary>Sets (or with null, removes) a scalar property.</summary>
    protected void SetValue<T>(Value<T>? value, [CallerMemberName] string name = "") => Properties[name] = value?.Expression;

    /// <summary>
    /// Sets (or with null, removes) a property the resource schema declares a string although it holds a number
    /// (<c>MinSize</c>, a classic listener's ports): a literal is written as a string, <c>"1"</c>, which is what
    /// CloudFormation and cfn-lint's strict types expect.
    /// </summary>
    protected void SetAsString(Value<int>? value, [CallerMemberName] string name = "") =>
        Properties[name] = value?.Expression is Literal { Value: long number } ? Literal.Of(number.ToString(CultureInfo.InvariantCulture)) : value?.Expression;

    /// <summary>Reads a list property.</summary>
    protected ValueList<T>? GetList<T>([CallerMemberName] string name = "") =>
        Properties[name] is { } expression ? new ValueList<T>(expression) : null;

    /// <summary>Sets (or with null, removes) a list property.</summary>
    protected void SetList<T>(ValueList<T>? value, [CallerMemberName] string name = "") => Properties[name] = value?.Expression;

    /// <summary>Reads a nested object property.</summary>
    protected TObject? GetObject<TObject>([CallerMemberName] string name = "")
        where TObject : PropertyObject, new() =>
        Properties[name] is ObjectExpression expression ? View<TObject>(expression) : null;

    /// <summary>Sets (or with null, removes) a nested object property.</summary>
    protected void SetObject(PropertyObject? value, [CallerMemberName] string name = "") => Properties[name] = value?.Properties;

    /// <summary>Reads a list of nested objects (items that aren't objects, such as intrinsics, are left out).</summary>
    protected IReadOnlyList<TObject>? GetObjects<TObject>([CallerMemberName] string name = "")
        where TObject : PropertyObject, new() =>
        Properties[name] is ListExpression list ? list.Items.OfType<ObjectExpression>().Select(View<TObject>).ToList() : null;

    /// <summary>Sets (or with null, removes) a list of nested objects.</summary>
    protected void SetObjects(IEnumerable<PropertyObject>? value, [CallerMemberName] string name = "") =>
        Properties[name] = value is null ? null : new ListExpression(value.Select(item => item.Properties));

    private static TObject View<TObject>(ObjectExpression expression)
        where TObject : PropertyObject, new()
    {
        var view = new TObject();
        view.Bind(expression);
        return view;
    }
}
