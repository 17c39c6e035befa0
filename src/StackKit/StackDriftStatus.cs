namespace StackKit;

/// <summary>Whether a stack differs from its template, in CloudFormation's words (<c>DRIFTED</c>, <c>IN_SYNC</c>, ...).</summary>
public readonly record struct StackDriftStatus(string Value)
{
    /// <summary>At least one resource differs from the template (changed or deleted outside CloudFormation).</summary>
    public static readonly StackDriftStatus Drifted = new("DRIFTED");

    /// <summary>Every resource CloudFormation checked matches the template.</summary>
    public static readonly StackDriftStatus InSync = new("IN_SYNC");

    /// <summary>CloudFormation could not check a resource; the detection's reason says why.</summary>
    public static readonly StackDriftStatus Unknown = new("UNKNOWN");

    /// <summary>Drift was never detected on the stack.</summary>
    public static readonly StackDriftStatus NotChecked = new("NOT_CHECKED");

    /// <summary>CloudFormation's own word.</summary>
    public override string ToString() => Value ?? "";
}
