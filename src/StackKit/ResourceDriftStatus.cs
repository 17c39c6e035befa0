namespace StackKit;

/// <summary>How one resource compares with the template, in CloudFormation's words (<c>MODIFIED</c>, <c>DELETED</c>, ...).</summary>
public readonly record struct ResourceDriftStatus(string Value)
{
    /// <summary>Properties differ from the template: see the resource's property differences.</summary>
    public static readonly ResourceDriftStatus Modified = new("MODIFIED");

    /// <summary>The resource was deleted outside CloudFormation.</summary>
    public static readonly ResourceDriftStatus Deleted = new("DELETED");

    /// <summary>The resource matches the template.</summary>
    public static readonly ResourceDriftStatus InSync = new("IN_SYNC");

    /// <summary>CloudFormation could not check the resource; the reason says why.</summary>
    public static readonly ResourceDriftStatus Unknown = new("UNKNOWN");

    /// <summary>CloudFormation cannot detect drift on the resource's type.</summary>
    public static readonly ResourceDriftStatus Unsupported = new("UNSUPPORTED");

    /// <summary>The resource was not checked.</summary>
    public static readonly ResourceDriftStatus NotChecked = new("NOT_CHECKED");

    /// <summary>True for a resource changed or deleted outside CloudFormation.</summary>
    public bool IsDrifted => this == Modified || this == Deleted;

    /// <summary>CloudFormation's own word.</summary>
    public override string ToString() => Value ?? "";
}
