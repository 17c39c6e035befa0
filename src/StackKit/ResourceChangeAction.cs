namespace StackKit;

/// <summary>What an update does to a resource, in CloudFormation's words (<c>Add</c>, <c>Modify</c>, <c>Remove</c>, ...).</summary>
public readonly record struct ResourceChangeAction(string Value)
{
    /// <summary>The resource is created.</summary>
    public static readonly ResourceChangeAction Add = new("Add");

    /// <summary>The resource is changed in place or replaced (see <see cref="ResourceChangePreview.Replacement"/>).</summary>
    public static readonly ResourceChangeAction Modify = new("Modify");

    /// <summary>The resource is deleted.</summary>
    public static readonly ResourceChangeAction Remove = new("Remove");

    /// <summary>The resource is imported.</summary>
    public static readonly ResourceChangeAction Import = new("Import");

    /// <summary>CloudFormation decides only while updating (a nested or dynamic reference).</summary>
    public static readonly ResourceChangeAction Dynamic = new("Dynamic");

    /// <summary>CloudFormation's own word.</summary>
    public override string ToString() => Value ?? "";
}
