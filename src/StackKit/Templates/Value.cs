namespace StackKit.Templates;

/// <summary>
/// A property value of type <typeparamref name="T"/>: a literal (<c>MinSize = 1</c>) or an intrinsic that
/// yields a <typeparamref name="T"/> (<c>InstanceType = Fn.Ref(instanceType)</c>).
/// </summary>
#pragma warning disable CA2225 // The conversion is the API; a named alternate would be a static member on a generic type (CA1000).
public sealed class Value<T>
#pragma warning restore CA2225
{
    internal Value(Expression expression) => Expression = expression;

    /// <summary>The node this value writes as.</summary>
    public Expression Expression { get; }

    /// <summary>A literal value.</summary>
    public static implicit operator Value<T>(T literal) => new(Literal.Of(literal!));

    /// <summary>The literal's value when this is a literal that means a <typeparamref name="T"/>.</summary>
    public bool TryGetLiteral(out T value)
    {
        if (Expression is Literal literal)
        {
            return literal.TryConvert(out value);
        }
        value = default!;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Expression.ToString() ?? string.Empty;
}
