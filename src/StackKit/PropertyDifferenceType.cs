namespace StackKit;

/// <summary>How a drifted property differs, in CloudFormation's words (<c>ADD</c>, <c>REMOVE</c>, <c>NOT_EQUAL</c>).</summary>
public readonly record struct PropertyDifferenceType(string Value)
{
    /// <summary>The resource has a value (e.g. a list item) the template does not.</summary>
    public static readonly PropertyDifferenceType Add = new("ADD");

    /// <summary>A value the template sets is gone from the resource.</summary>
    public static readonly PropertyDifferenceType Remove = new("REMOVE");

    /// <summary>The value differs from the template's.</summary>
    public static readonly PropertyDifferenceType NotEqual = new("NOT_EQUAL");

    /// <summary>CloudFormation's own word.</summary>
    public override string ToString() => Value ?? "";
}
