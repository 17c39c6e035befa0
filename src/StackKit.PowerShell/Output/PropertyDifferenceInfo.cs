namespace StackKit.PowerShell.Output;

/// <summary>One property of a drifted resource: where, the template's value, the resource's value, and how they differ.</summary>
/// <param name="PropertyPath">A JSON pointer into the resource's properties, e.g. /CidrIp.</param>
/// <param name="ExpectedValue">The template's value (JSON for objects and lists; null when the template has none).</param>
/// <param name="ActualValue">The resource's value now (JSON for objects and lists; null when it has none).</param>
/// <param name="DifferenceType">ADD, REMOVE or NOT_EQUAL.</param>
public sealed record PropertyDifferenceInfo(string PropertyPath, string ExpectedValue, string ActualValue, string DifferenceType)
{
    /// <summary>One line, e.g. "/CidrIp: 203.0.113.7/32 -> 0.0.0.0/0".</summary>
    public override string ToString() => new PropertyDifference(PropertyPath, ExpectedValue, ActualValue, new PropertyDifferenceType(DifferenceType)).ToString();
}
