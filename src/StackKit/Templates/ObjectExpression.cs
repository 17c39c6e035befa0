namespace StackKit.Templates;

/// <summary>
/// Named values in a fixed order: the order they were first set (or read) in, so written templates don't churn.
/// </summary>
public sealed class ObjectExpression : Expression
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Expression> _values = new(StringComparer.Ordinal);

    /// <summary>The entries in order.</summary>
    public IEnumerable<KeyValuePair<string, Expression>> Entries =>
        _order.Select(name => new KeyValuePair<string, Expression>(name, _values[name]));

    /// <summary>How many entries there are.</summary>
    public int Count => _order.Count;

    /// <summary>The value named <paramref name="name"/>, or null when there is none.</summary>
    public Expression? this[string name]
    {
        get => _values.TryGetValue(name, out var value) ? value : null;
        set
        {
            if (value is null)
            {
                if (_values.Remove(name))
                {
                    _order.Remove(name);
                }
                return;
            }
            if (!_values.ContainsKey(name))
            {
                _order.Add(name);
            }
            _values[name] = value;
        }
    }

    private protected override IEnumerable<Expression> Children() => _order.Select(name => _values[name]);
}
