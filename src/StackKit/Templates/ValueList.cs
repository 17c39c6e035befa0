namespace StackKit.Templates;

/// <summary>A list of <typeparamref name="T"/>: items written out, or an intrinsic that yields a list (<c>Fn::GetAZs</c>).</summary>
#pragma warning disable CA2225 // The conversion is the API; a named alternate would be a static member on a generic type (CA1000).
public sealed class ValueList<T>
#pragma warning restore CA2225
{
    internal ValueList(Expression expression) => Expression = expression;

    /// <summary>The node this list writes as.</summary>
    public Expression Expression { get; }

    /// <summary>The items, when the list is written out rather than computed by an intrinsic.</summary>
    public IReadOnlyList<Value<T>>? Items =>
        Expression is ListExpression list ? list.Items.Select(item => new Value<T>(item)).ToList() : null;

    /// <summary>A written-out list.</summary>
    public static implicit operator ValueList<T>(Value<T>[] items) =>
        new(new ListExpression((items ?? throw new ArgumentNullException(nameof(items))).Select(item => item.Expression)));
}
