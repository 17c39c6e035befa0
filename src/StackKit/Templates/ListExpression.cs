namespace StackKit.Templates;

/// <summary>A list of values.</summary>
public sealed class ListExpression(IEnumerable<Expression> items) : Expression
{
    /// <summary>The items in order.</summary>
    public IReadOnlyList<Expression> Items { get; } = items.ToList();

    private protected override IEnumerable<Expression> Children() => Items;
}
