namespace StackKit.Templates;

/// <summary>
/// One node of a template's value tree: a literal, a list, an object or an intrinsic function. Typed
/// wrappers (<see cref="Value{T}"/>, <see cref="ValueList{T}"/>, resource classes) sit on top of this tree, so
/// the writers and the reader deal with one small shape and a parsed template keeps everything it held.
/// </summary>
public abstract class Expression
{
    private protected Expression()
    {
    }

    /// <summary>Every node below this one, depth first, this one included.</summary>
    internal IEnumerable<Expression> DescendantsAndSelf()
    {
        var pending = new Stack<Expression>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            foreach (var child in node.Children())
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>The node as compact long-form JSON, e.g. <c>{"Ref":"VPC"}</c>.</summary>
    public override string ToString() => JsonTemplateFormat.WriteCompact(this);

    private protected abstract IEnumerable<Expression> Children();
}
